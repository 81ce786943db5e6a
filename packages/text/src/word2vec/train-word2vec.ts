import { WordVectors } from './word-vectors.js';
import { word2vecSeed } from './fast-random.js';
import { prepareWord2Vec } from './prepare-word2vec.js';
import { resolveWord2VecOptions, type Word2VecOptions } from './word2vec-defaults.js';
import { trainPass, type Word2VecKernel } from './word2vec-kernel.js';
import type { Word2VecModel } from './word2vec-model.js';
import { ProgressReporter } from './word2vec-progress.js';

/**
 * Trains Word2Vec (Mikolov et al. 2013) on one thread: CBOW (gensim's default) or skip-gram
 * with negative sampling, frequent-word subsampling, shrinking windows and a learning rate
 * falling linearly over all epochs, with gensim's semantics and defaults
 * (`WORD2VEC_DEFAULTS`). Browser-safe; `trainWord2VecParallel` (`@selfsup/text/node`) runs
 * the same loop on every core. The same seed gives the same vectors.
 *
 * @example
 * const sentences = wordSentences((await loadMobyDick()).map((chapter) => chapter.text));
 * const model = trainWord2Vec(sentences, { skipGram: true, epochs: 5 });
 * model.vectors.mostSimilar('whale', 5);
 */
export function trainWord2Vec(sentences: readonly (readonly string[])[], options: Word2VecOptions = {}): Word2VecModel {
  const fn = 'trainWord2Vec';
  const resolved = resolveWord2VecOptions(fn, options);
  const prepared = prepareWord2Vec(fn, sentences, resolved);
  const kernel = word2vecKernel(prepared, resolved);
  const totalWords = prepared.sentences.totalRawWords * resolved.epochs;
  const schedule = { alpha: resolved.alpha, minAlpha: resolved.minAlpha, totalWords, progress: new Float64Array(1), slot: 0 };
  const random = Uint32Array.of(word2vecSeed(resolved.seed, 1));
  const reporter = new ProgressReporter(options.onProgress, resolved.epochs, totalWords, resolved.alpha, resolved.minAlpha);
  const losses: number[] = [];
  for (let epoch = 0; epoch < resolved.epochs; epoch++) {
    const result = trainPass(kernel, schedule, 0, prepared.sentences.rawWords.length, random, () => reporter.report(schedule.progress[0], epoch));
    if (resolved.computeLoss) losses.push(result.pairs > 0 ? result.loss / result.pairs : 0);
    reporter.report(schedule.progress[0], epoch, true);
  }
  const seconds = reporter.seconds();
  return {
    vectors: new WordVectors(prepared.vocabulary.words, resolved.dimension, prepared.input),
    vocabulary: prepared.vocabulary,
    outputVectors: prepared.output,
    options: resolved,
    losses,
    words: schedule.progress[0],
    seconds,
    wordsPerSecond: seconds > 0 ? schedule.progress[0] / seconds : 0,
  };
}

/**
 * The training loop's view of a prepared run.
 *
 * @example
 * const kernel = word2vecKernel(prepareWord2Vec(fn, sentences, resolved), resolved);
 */
export function word2vecKernel(
  prepared: Pick<ReturnType<typeof prepareWord2Vec>, 'input' | 'output' | 'negativeTable' | 'keepThresholds' | 'sentences'>,
  options: ReturnType<typeof resolveWord2VecOptions>,
): Word2VecKernel {
  return {
    dimension: options.dimension,
    input: prepared.input,
    output: prepared.output,
    negativeTable: prepared.negativeTable,
    keepThresholds: prepared.keepThresholds,
    ids: prepared.sentences.ids,
    starts: prepared.sentences.starts,
    rawWords: prepared.sentences.rawWords,
    window: options.window,
    negative: options.negative,
    skipGram: options.skipGram,
    cbowMean: options.cbowMean,
    shrinkWindows: options.shrinkWindows,
    computeLoss: options.computeLoss,
    maxSentenceLength: options.maxSentenceLength,
  };
}
