// GloVe on the State of the Union (on demand, not run in CI): the time of each stage of the
// pipeline on 1.8 million words (tokenizing, the vocabulary, the co-occurrence counts, the
// epochs on 1 thread and on worker threads), the matrix's size, and the neighbours of a few
// words after a full run. No Python GloVe is installable offline (Stanford's is C, built
// from source; the `glove-python` wheels are unmaintained), so there is no reference timing.
//
//   pnpm --filter @selfsup/bench glove-sotu [--epochs 3] [--threads 1,2] [--quality-epochs 15] [--write]
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildVocabulary, countCooccurrences, fitGlove, GLOVE_DEFAULTS, gloveWordVectors } from '@selfsup/text';
import { fitGloveParallel, loadSotu } from '@selfsup/text/node';

const { values: args } = parseArgs({
  options: {
    epochs: { type: 'string', default: '3' },
    threads: { type: 'string', default: '1,2' },
    'quality-epochs': { type: 'string', default: '15' },
    write: { type: 'boolean', default: false },
  },
});
const epochs = Number(args.epochs);
const threadCounts = args.threads.split(',').map(Number);
const qualityEpochs = Number(args['quality-epochs']);
const DOCS = new URL('../docs/benchmarks.md', import.meta.url).pathname;
const [BEGIN, END] = ['<!-- glove-sotu:begin -->', '<!-- glove-sotu:end -->'];
const seconds = (since: number) => (performance.now() - since) / 1000;
const rows: string[][] = [];
// CPU seconds of the whole process (every thread) since the last stage: on a shared machine
// they show how much of the cores the stage actually got.
let cpuMark = process.cpuUsage();
const log = (stage: string, time: string, note: string) => {
  const { user, system } = process.cpuUsage(cpuMark);
  cpuMark = process.cpuUsage();
  const cpu = ((user + system) / 1e6).toFixed(1);
  rows.push([stage, time, cpu, note]);
  console.log(`${stage}: ${time} s (${cpu} CPU s)  ${note}`);
};
const load = loadavg()[0].toFixed(1);

let started = performance.now();
const addresses = await loadSotu();
// One word list per address (the texts have no paragraph breaks); lower-cased runs of letters.
const sentences = addresses.map((address) => address.text.toLowerCase().match(/\p{L}+/gu) ?? []);
const words = sentences.reduce((sum, sentence) => sum + sentence.length, 0);
log('read and tokenize', seconds(started).toFixed(1), `${addresses.length} addresses, ${words.toLocaleString('en')} words`);

started = performance.now();
const vocabulary = buildVocabulary(sentences, { minCount: GLOVE_DEFAULTS.minCount });
const ids = sentences.map((sentence) => vocabulary.encode(sentence));
log('vocabulary and ids', seconds(started).toFixed(1), `${vocabulary.size.toLocaleString('en')} words at min count ${GLOVE_DEFAULTS.minCount}`);

started = performance.now();
const matrix = countCooccurrences(ids, vocabulary.size, { windowSize: GLOVE_DEFAULTS.windowSize });
const count = matrix.values.length;
log(
  `co-occurrences (window ${GLOVE_DEFAULTS.windowSize}, symmetric, 1/d)`,
  seconds(started).toFixed(1),
  `${count.toLocaleString('en')} nonzero entries, ${Math.round((count * 16) / 2 ** 20)} MiB as rows + columns + values`,
);

const vectorSize = GLOVE_DEFAULTS.vectorSize;
const perEpoch = (costs: number[], total: number, label: string) => {
  const each = total / costs.length;
  log(
    label,
    total.toFixed(1),
    `${each.toFixed(1)} s per epoch, ${Math.round(count / each).toLocaleString('en')} entries/s; cost ${costs.map((c) => c.toFixed(4)).join(', ')}`,
  );
};
started = performance.now();
perEpoch(fitGlove(matrix, { vectorSize, epochs }).costs, seconds(started), `${epochs} epochs, fitGlove (main thread), ${vectorSize}-d`);
for (const threads of threadCounts) {
  started = performance.now();
  const { costs } = await fitGloveParallel(matrix, { vectorSize, epochs, threads });
  perEpoch(costs, seconds(started), `${epochs} epochs, fitGloveParallel, ${threads} thread${threads > 1 ? 's' : ''}`);
}

// Quality: a full run on every thread asked for, xMax 10 as demo.sh does below billions of words.
const probes = ['war', 'congress', 'economy', 'soviet', 'taxes', 'children'];
const threads = Math.max(...threadCounts);
started = performance.now();
const { parameters, costs } = await fitGloveParallel(matrix, { vectorSize, epochs: qualityEpochs, threads, xMax: 10 });
const vectors = gloveWordVectors(vocabulary, parameters);
log(
  `${qualityEpochs} epochs, ${threads} threads, xMax 10`,
  seconds(started).toFixed(1),
  `cost ${costs[0].toFixed(4)} -> ${costs.at(-1)!.toFixed(4)}`,
);
const neighbours = probes.map(
  (word) =>
    `${word}: ${vectors
      .mostSimilar(word, 5)
      .map((n) => n.word)
      .join(', ')}`,
);
for (const line of neighbours) console.log(line);

const date = new Date().toISOString().slice(0, 10);
const section = [
  BEGIN,
  `Measured ${date} on ${cpus().length} cores (${cpus()[0]?.model.trim()}), 1-minute load ${load} at the start (the machine is shared).`,
  `Command: \`pnpm --filter @selfsup/bench glove-sotu --epochs ${epochs} --threads ${threadCounts.join(',')} --quality-epochs ${qualityEpochs} --write\`.`,
  '',
  '| stage | seconds | CPU seconds (all threads) | |',
  '| --- | --- | --- | --- |',
  ...rows.map((row) => `| ${row.join(' | ')} |`),
  '',
  `Nearest neighbours (cosine, W + W~) after the ${qualityEpochs}-epoch run:`,
  '',
  ...neighbours.map((line) => `- ${line}`),
  END,
].join('\n');
if (args.write) {
  const docs = readFileSync(DOCS, 'utf8');
  const at = docs.indexOf(BEGIN);
  const updated = at >= 0 ? docs.slice(0, at) + section + docs.slice(docs.indexOf(END) + END.length) : `${docs.trimEnd()}\n\n${section}\n`;
  writeFileSync(DOCS, updated);
  console.log(`wrote ${DOCS}`);
}
