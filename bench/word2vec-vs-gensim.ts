// Word2Vec skip-gram against gensim (on demand, not run in CI): the State of the Union
// addresses (1.79 million words), tokenized once here (`wordSentences`: sentences, lower-cased
// runs of letters) and given to both; the same settings (skip-gram, gensim's defaults
// otherwise: 100 dimensions, window 5, 5 negatives, sample 1e-3, min count 5, alpha 0.025 ->
// 1e-4) and the same number of worker threads; the reference is bench/word2vec_gensim.py
// (Debian's python3-gensim 4.2, its Cython loop with BLAS).
//
//   pnpm --filter @selfsup/bench word2vec-vs-gensim [--epochs 5] [--workers 1,2] [--repeats 3] [--fraction 1] [--write]
//
// Speed: words/s = raw corpus words over all epochs (before subsampling, unknown words
// included: what gensim's `train` returns and logs) / the seconds of the epochs. For gensim
// that is `model.train(...)` alone (not reading the file nor build_vocab); for us
// `trainWord2VecParallel`'s `wordsPerSecond`, which starts once the worker threads are up (not
// the vocabulary, tables or thread start, printed beside it). Runs alternate between the two
// (gensim first on even repeats) so a change in the machine's load hits both; the median of the
// repeats is reported with the 1-minute load average seen before each run.
//
// Agreement: the top-10 cosine neighbours of the 100 most frequent words outside a stopword
// list, from our vectors and gensim's (seed 1 each), as the mean overlap |ours ∩ gensim| / 10;
// beside it the same overlap between two runs of gensim (seeds 1 and 2) and two of ours: the
// agreement one can expect between two correct trainings. Analogies: 3CosAdd accuracy on the
// small hand-written set of bench/word2vec-analogy-pairs.ts (Google's questions-words.txt is
// not available offline), by our evaluateAnalogies and by gensim's evaluate_word_analogies.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { evaluateAnalogies, parseAnalogies, type WordVectors, wordSentences } from '@selfsup/text';
import { loadSotu, loadWord2VecFormat, saveWord2VecFormat, trainWord2VecParallel } from '@selfsup/text/node';
import { analogyQuestions } from './word2vec-analogy-pairs.js';

const { values: args } = parseArgs({
  options: {
    epochs: { type: 'string', default: '5' },
    workers: { type: 'string', default: '1,2' },
    repeats: { type: 'string', default: '3' },
    fraction: { type: 'string', default: '1' },
    python: { type: 'string', default: '/usr/bin/python3' },
    write: { type: 'boolean', default: false },
  },
});
const epochs = Number(args.epochs);
const workerCounts = args.workers.split(',').map(Number);
const repeats = Math.max(1, Number(args.repeats));
const fraction = Number(args.fraction);
const SCRIPT = new URL('./word2vec_gensim.py', import.meta.url).pathname;
const DOCS = new URL('../docs/benchmarks.md', import.meta.url).pathname;
const [BEGIN, END] = ['<!-- bench:word2vec-vs-gensim:begin -->', '<!-- bench:word2vec-vs-gensim:end -->'];
const folder = mkdtempSync(join(tmpdir(), 'word2vec-vs-gensim-'));
const run = promisify(execFile);
const load = () => loadavg()[0];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const thousands = (value: number) => Math.round(value / 1000).toLocaleString('en');

// Common English function words, left out of the neighbour comparison.
const STOPWORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by can could did do ' +
    'does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its ' +
    'itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some ' +
    'such than that the their theirs them themselves then there these they this those through to too under until up upon very was we were what ' +
    'when where which while who whom why will with would you your yours yourself yourselves shall may must might also us one made make every ' +
    'many much great well let must'
  ).split(' '),
);

const addresses = await loadSotu();
const all = wordSentences(addresses);
const sentences = fraction < 1 ? all.filter((_, i) => i % Math.round(1 / fraction) === 0) : all;
const words = sentences.reduce((sum, sentence) => sum + sentence.length, 0);
const sentencesFile = join(folder, 'sentences.txt');
writeFileSync(sentencesFile, `${sentences.map((sentence) => sentence.join(' ')).join('\n')}\n`);
const questionsFile = join(folder, 'questions.txt');
writeFileSync(questionsFile, analogyQuestions());
const questions = parseAnalogies(analogyQuestions());
console.log(
  `${addresses.length} addresses, ${sentences.length.toLocaleString('en')} sentences, ${words.toLocaleString('en')} words; ${epochs} epochs`,
);
console.log(
  `${cpus().length} cores (${cpus()[0].model}), node ${process.version}; load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);

interface Run {
  wordsPerSecond: number;
  seconds: number;
  load: number;
  note: string;
}

async function gensim(workers: number, seed: number): Promise<Run & { vectors: string }> {
  const vectors = join(folder, `gensim-${workers}-${seed}.bin`);
  const before = load();
  const { stdout } = await run(
    args.python!,
    [SCRIPT, sentencesFile, '--workers', String(workers), '--epochs', String(epochs), '--seed', String(seed), '--out', vectors],
    {
      maxBuffer: 1 << 24,
    },
  );
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    rawWords: number;
    trainSeconds: number;
    wordsPerSecond: number;
    vocabularySeconds: number;
    fastVersion: number;
  };
  if (result.rawWords !== words * epochs) throw new Error(`word2vec-vs-gensim: gensim trained ${result.rawWords} words, expected ${words * epochs}`);
  if (result.fastVersion < 0) throw new Error('word2vec-vs-gensim: gensim runs without its compiled loop (FAST_VERSION -1)');
  const note = `build_vocab ${result.vocabularySeconds.toFixed(1)} s`;
  return { wordsPerSecond: result.wordsPerSecond, seconds: result.trainSeconds, load: before, note, vectors };
}

async function ours(workers: number, seed: number): Promise<Run & { vectors: WordVectors }> {
  const before = load();
  const started = performance.now();
  const model = await trainWord2VecParallel(sentences, { skipGram: true, epochs, workers, seed });
  const total = (performance.now() - started) / 1000;
  if (model.words !== words * epochs) throw new Error(`word2vec-vs-gensim: we trained ${model.words} words, expected ${words * epochs}`);
  const note = `vocabulary, tables and thread start ${(total - model.seconds).toFixed(1)} s`;
  return { wordsPerSecond: model.wordsPerSecond, seconds: model.seconds, load: before, note, vectors: model.vectors };
}

/** Mean |top-10 of a ∩ top-10 of b| / 10 over `probe` words. */
function overlap(a: WordVectors, b: WordVectors, probe: string[]): number {
  let sum = 0;
  for (const word of probe) {
    const mine = new Set(a.mostSimilar(word, 10).map((neighbour) => neighbour.word));
    sum += b.mostSimilar(word, 10).filter((neighbour) => mine.has(neighbour.word)).length / 10;
  }
  return sum / probe.length;
}

const speedRows: string[] = [];
const agreementRows: string[] = [];
const analogyRows: string[] = [];
try {
  for (const workers of workerCounts) {
    const mine: (Run & { vectors: WordVectors })[] = [];
    const theirs: (Run & { vectors: string })[] = [];
    for (let repeat = 0; repeat < repeats; repeat++) {
      const seed = repeat + 1;
      const order = repeat % 2 === 0 ? ['gensim', 'ours'] : ['ours', 'gensim'];
      for (const which of order) {
        const result = which === 'ours' ? await ours(workers, seed) : await gensim(workers, seed);
        (which === 'ours' ? mine : theirs).push(result as never);
        console.log(
          `${workers} worker(s), seed ${seed}, ${which}: ${thousands(result.wordsPerSecond)}k words/s, ${result.seconds.toFixed(1)} s of epochs (load ${result.load.toFixed(2)}; ${result.note})`,
        );
      }
    }
    const ourSpeed = median(mine.map((r) => r.wordsPerSecond));
    const theirSpeed = median(theirs.map((r) => r.wordsPerSecond));
    const loads = [...mine, ...theirs].map((r) => r.load);
    speedRows.push(
      `| ${workers} | ${thousands(ourSpeed)}k (${mine.map((r) => thousands(r.wordsPerSecond)).join(', ')}) | ${thousands(theirSpeed)}k (${theirs
        .map((r) => thousands(r.wordsPerSecond))
        .join(', ')}) | **${(ourSpeed / theirSpeed).toFixed(2)}x** | ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)} |`,
    );
    const gensimVectors = await Promise.all(theirs.map((r) => loadWord2VecFormat(r.vectors, { binary: true })));
    const probe = mine[0].vectors.words.filter((word) => !STOPWORDS.has(word) && gensimVectors[0].has(word)).slice(0, 100);
    const cells = [
      overlap(mine[0].vectors, gensimVectors[0], probe),
      repeats > 1 ? overlap(gensimVectors[0], gensimVectors[1], probe) : Number.NaN,
      repeats > 1 ? overlap(mine[0].vectors, mine[1].vectors, probe) : Number.NaN,
    ];
    agreementRows.push(`| ${workers} | ${cells.map((cell) => (Number.isNaN(cell) ? 'n/a' : `${(cell * 100).toFixed(1)}%`)).join(' | ')} |`);
    console.log(
      `${workers} worker(s): top-10 overlap ours/gensim ${(cells[0] * 100).toFixed(1)}%, gensim/gensim ${(cells[1] * 100).toFixed(1)}%, ours/ours ${(cells[2] * 100).toFixed(1)}%`,
    );
    console.log(`  probe words: ${probe.slice(0, 12).join(', ')}, ...`);
    for (const word of ['war', 'tax', 'congress']) {
      console.log(
        `  ${word}: ours ${mine[0].vectors
          .mostSimilar(word, 6)
          .map((n) => n.word)
          .join(' ')} | gensim ${gensimVectors[0]
          .mostSimilar(word, 6)
          .map((n) => n.word)
          .join(' ')}`,
      );
    }
    // Analogies on seed 1's vectors, scored by both evaluators.
    const oursFile = join(folder, `ours-${workers}.bin`);
    await saveWord2VecFormat(oursFile, mine[0].vectors, { binary: true });
    const score = async (file: string) =>
      JSON.parse((await run(args.python!, [SCRIPT, '--analogies', file, questionsFile])).stdout) as { correct: number; incorrect: number };
    const ourScore = evaluateAnalogies(mine[0].vectors, questions);
    const theirScore = evaluateAnalogies(gensimVectors[0], questions);
    const [ourByGensim, theirByGensim] = [await score(oursFile), await score(theirs[0].vectors)];
    const cell = (correct: number, incorrect: number) =>
      `${correct}/${correct + incorrect} (${((100 * correct) / (correct + incorrect)).toFixed(1)}%)`;
    analogyRows.push(
      `| ${workers} | ${cell(ourScore.correct, ourScore.incorrect)} | ${cell(ourByGensim.correct, ourByGensim.incorrect)} | ${cell(theirScore.correct, theirScore.incorrect)} | ${cell(theirByGensim.correct, theirByGensim.incorrect)} |`,
    );
    console.log(
      `  analogies: ours ${cell(ourScore.correct, ourScore.incorrect)}, gensim ${cell(theirScore.correct, theirScore.incorrect)} (skipped ${ourScore.skipped})`,
    );
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}

const section = [
  BEGIN,
  '## Word2Vec skip-gram against gensim',
  '',
  `\`pnpm --filter @selfsup/bench word2vec-vs-gensim --epochs ${epochs} --workers ${workerCounts.join(',')} --repeats ${repeats}${fraction < 1 ? ` --fraction ${fraction}` : ''}\``,
  `(bench/word2vec-vs-gensim.ts, reference bench/word2vec_gensim.py: gensim ${'4.2'} from Debian, its compiled loop). The State of the Union addresses,`,
  `${words.toLocaleString('en')} words in ${sentences.length.toLocaleString('en')} sentences, tokenized once (\`wordSentences\`) for both; skip-gram, 100 dimensions, window 5,`,
  `5 negatives, sample 1e-3, min count 5, ${epochs} epochs, the same worker count for both. Words/s: corpus words of all epochs over the seconds of the`,
  'epochs (gensim: `model.train`; ours: `trainWord2VecParallel` after its threads are up), median of the repeats (each run in brackets), runs',
  `alternating between the two. Machine: ${cpus().length} cores (${cpus()[0].model}), shared with other jobs; the 1-minute load average before the runs is`,
  `given (${availableParallelism()} cores: a load above 0 means other processes competed for them).`,
  '',
  '| workers | ours (words/s) | gensim (words/s) | ours / gensim | load |',
  '| --- | --- | --- | --- | --- |',
  ...speedRows,
  '',
  'Top-10 neighbour overlap on the 100 most frequent words outside a stopword list (seed 1 of each; the same-implementation columns compare seeds 1 and 2):',
  '',
  '| workers | ours vs gensim | gensim vs gensim | ours vs ours |',
  '| --- | --- | --- | --- |',
  ...agreementRows,
  '',
  '3CosAdd analogy accuracy on the hand-written set of bench/word2vec-analogy-pairs.ts (seed 1; scored by our `evaluateAnalogies` and by gensim’s',
  '`evaluate_word_analogies`, restrict_vocab 300000, case-insensitive):',
  '',
  '| workers | our vectors (ours) | our vectors (gensim) | gensim’s vectors (ours) | gensim’s vectors (gensim) |',
  '| --- | --- | --- | --- | --- |',
  ...analogyRows,
  END,
].join('\n');
console.log(`\n${section}`);
if (args.write) {
  const docs = readFileSync(DOCS, 'utf8');
  const at = docs.indexOf(BEGIN);
  const updated = at >= 0 ? docs.slice(0, at) + section + docs.slice(docs.indexOf(END) + END.length) : `${docs.trimEnd()}\n\n${section}\n`;
  writeFileSync(DOCS, updated);
  console.log(`wrote ${DOCS}`);
}
