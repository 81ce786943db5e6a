import { appendFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type RunLock, writeFileAtomically } from '@selfsup/core/node';
import { WORD2VEC_DEFAULTS, GLOVE_DEFAULTS, type WordVectors, wordSentences } from '@selfsup/text';
import { saveWord2VecFormat, trainGloveParallel, trainWord2VecParallel } from '@selfsup/text/node';
import type { PretrainConfig } from '../pretrain-config.js';
import { writeReport } from '../report/index.js';
import type { PretrainOutcome, RunPretrainOptions } from '../run-pretrain.js';
import { RUN_FILES } from '../run-files.js';
import { UsageError } from '../usage-error.js';
import { openTextDataset } from './text-datasets.js';

/** The word-vector methods of `selfsup pretrain`: typed-array trainers, not the tensor engine. */
export const WORD_VECTOR_METHODS = ['word2vec', 'glove'] as const;

/**
 * Frequent English function words of five letters or more, left out of the words whose
 * neighbours a run lists (their neighbours say little about what the vectors learned).
 */
const FUNCTION_WORDS = new Set(
  'about above after again against among another because before being below between cannot could during either every first further having might never other others ought shall should since still their theirs them there these those though three through under until upon where whether which while whose would yours'.split(
    ' ',
  ),
);

/** What a word-vector run reports: the neighbours of the corpus's most frequent long words. */
export const WORD_VECTOR_REPORT = Object.freeze({
  /** Words whose neighbours the run lists: the most frequent of at least `minimumLength` letters that are not function words. */
  words: 12,
  minimumLength: 5,
  neighbours: 8,
});

/**
 * Whether `--method <name>` trains word vectors (Word2Vec or GloVe).
 *
 * @example
 * isWordVectorMethod('glove'); // true
 */
export function isWordVectorMethod(name: string): boolean {
  return (WORD_VECTOR_METHODS as readonly string[]).includes(name);
}

/**
 * `selfsup pretrain --method word2vec|glove`, once the run directory is locked: Word2Vec
 * (skip-gram with negative sampling, gensim's other defaults) or GloVe (the paper's window of
 * 10 words, glove.c's other defaults) on the training documents' words (lower-cased runs of
 * letters, sentence by sentence), on `workers` threads (Hogwild, as gensim's and glove.c's).
 * `--epochs` sets the passes (default: the method's 5 or 25); a run takes minutes and writes
 * no checkpoint, so `--resume` does not apply. Writes the vectors in the word2vec text and
 * binary formats (gensim's `KeyedVectors.load_word2vec_format` reads both), one metrics line
 * per epoch (the objective: Word2Vec's mean negative-sampling loss, GloVe's cost), the
 * nearest neighbours of the most frequent long words (neighbours.json, in the report) and the report.
 *
 * @example
 * await pretrainWordVectors(resolvePretrainConfig([{ source: 'command line', values: { method: 'word2vec', dataset: 'sotu' } }]), { resume: false, log: console.log }, lock);
 */
export async function pretrainWordVectors(config: PretrainConfig, options: RunPretrainOptions, _lock: RunLock): Promise<PretrainOutcome> {
  const { log } = options;
  const warn = options.warn ?? log;
  const out = config.out;
  if (options.resume) throw new UsageError(`--resume: a ${config.method} run writes no checkpoint (it takes minutes); run it again with --overwrite`);
  const dataset = await openTextDataset(config.dataset, { seed: config.seed, warn, strict: options.strictData });
  const sentences = wordSentences(dataset.train);
  const words = sentences.reduce((sum, s) => sum + s.length, 0);
  if (words === 0) throw new UsageError(`--dataset '${config.dataset}' has no words (runs of letters) to train ${config.method} on`);
  const epochs = config.epochs ?? (config.method === 'word2vec' ? WORD2VEC_DEFAULTS.epochs : GLOVE_DEFAULTS.epochs);
  for (const file of [RUN_FILES.metrics, RUN_FILES.neighbours, RUN_FILES.validation, RUN_FILES.samples]) await rm(join(out, file), { force: true });
  const { steps, batchSize, learningRate, weightDecay, imageSize, channels, backbone, probeTrain, checkpointEvery, monitorEvery, ...common } = config;
  const record = { ...common, epochs, modality: 'text', words, datasetFingerprint: dataset.fingerprint, createdAt: new Date().toISOString() };
  await writeFileAtomically(join(out, RUN_FILES.config), `${JSON.stringify(record, null, 2)}\n`);
  log(
    `selfsup: ${config.method} on ${dataset.name} (${dataset.train.length} documents, ${words.toLocaleString('en-US')} words; ${dataset.validation.length} held out), ${epochs} epochs on ${config.workers} thread${config.workers === 1 ? '' : 's'} -> ${out}`,
  );
  const metric = (line: Record<string, number>) => appendFile(join(out, RUN_FILES.metrics), `${JSON.stringify(line)}\n`);
  let vectors: WordVectors;
  if (config.method === 'word2vec') {
    let lastEpoch = -1;
    const model = await trainWord2VecParallel(sentences, {
      skipGram: true,
      epochs,
      seed: config.seed,
      workers: config.workers,
      computeLoss: true,
      onProgress: (p) => {
        if (p.epoch === lastEpoch) return;
        lastEpoch = p.epoch;
        log(`epoch ${p.epoch + 1}/${p.epochs} | alpha ${p.alpha.toExponential(2)} | ${Math.round(p.wordsPerSecond).toLocaleString('en-US')} words/s`);
      },
    });
    for (const [epoch, loss] of model.losses.entries()) await metric({ step: epoch + 1, epoch, loss });
    log(
      `selfsup: ${model.vectors.size.toLocaleString('en-US')} words x ${model.vectors.dimension}, ${Math.round(model.wordsPerSecond).toLocaleString('en-US')} words/s`,
    );
    vectors = model.vectors;
  } else {
    const result = await trainGloveParallel(sentences, {
      windowSize: 10,
      epochs,
      seed: config.seed,
      threads: config.workers,
      onEpoch: (p) =>
        log(`epoch ${p.epoch}/${p.epochs} | cost ${p.cost.toFixed(4)} | ${Math.round(p.entriesPerSecond).toLocaleString('en-US')} entries/s`),
    });
    for (const [epoch, cost] of result.costs.entries()) await metric({ step: epoch + 1, epoch, loss: cost });
    log(
      `selfsup: ${result.vectors.size.toLocaleString('en-US')} words x ${result.vectors.dimension}, ${result.cooccurrences.values.length.toLocaleString('en-US')} nonzero co-occurrences`,
    );
    vectors = result.vectors;
  }
  await saveWord2VecFormat(join(out, RUN_FILES.vectorsText), vectors);
  await saveWord2VecFormat(join(out, RUN_FILES.vectorsBinary), vectors, { binary: true });
  const chosen = vectors.words
    .filter((word) => word.length >= WORD_VECTOR_REPORT.minimumLength && !FUNCTION_WORDS.has(word))
    .slice(0, WORD_VECTOR_REPORT.words);
  const neighbours = chosen.map((word) => ({ word, neighbours: vectors.mostSimilar(word, WORD_VECTOR_REPORT.neighbours) }));
  await writeFileAtomically(join(out, RUN_FILES.neighbours), `${JSON.stringify(neighbours, null, 2)}\n`);
  for (const { word, neighbours: list } of neighbours.slice(0, 4))
    log(
      `selfsup: ${word}: ${list
        .slice(0, 5)
        .map((n) => n.word)
        .join(', ')}`,
    );
  log(`selfsup: vectors in ${join(out, RUN_FILES.vectorsText)} and ${RUN_FILES.vectorsBinary} (word2vec formats)`);
  log(`selfsup: report: ${await writeReport(out, { warn })}`);
  return { status: 'completed', steps: epochs, skippedImages: [] };
}
