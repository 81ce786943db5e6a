import { nextUint32 } from './fast-random.js';
import { drawWithGuide, negativeSamplingGuide } from './sampling-tables.js';
import { linearAlpha } from './learning-rate.js';
import { negativeSamplingStep } from './negative-sampling-step.js';

// The training loop of Word2Vec on typed arrays, shared by the single-threaded trainer and
// each worker thread of the parallel one (which pass SharedArrayBuffer-backed arrays and
// update them without locks, Hogwild-style, as word2vec.c and gensim do). Imports nothing
// but pure helpers, so a worker starts without loading TensorFlow.js.

/** The weights, tables, corpus and settings one training loop reads and updates. */
export interface Word2VecKernel {
  dimension: number;
  /** Input vectors (syn0), `vocabulary size x dimension`: the word vectors. */
  input: Float32Array;
  /** Output vectors (syn1neg), `vocabulary size x dimension`. */
  output: Float32Array;
  /** The cumulative negative-sampling table (`negativeSamplingTable`). */
  negativeTable: Uint32Array;
  /** Keep thresholds (`subsamplingThresholds`), or null when nothing is subsampled. */
  keepThresholds: Uint32Array | null;
  /** Word ids of every sentence, words not in the vocabulary removed. */
  ids: Int32Array;
  /** Sentence s is `ids[starts[s] .. starts[s + 1])`. */
  starts: Int32Array;
  /** Sentence s had `rawWords[s]` words before unknown words were removed (what progress counts). */
  rawWords: Int32Array;
  window: number;
  negative: number;
  skipGram: boolean;
  cbowMean: boolean;
  shrinkWindows: boolean;
  computeLoss: boolean;
  maxSentenceLength: number;
}

/** Where a loop is in the run: the learning-rate schedule over the words of every epoch and thread. */
export interface Word2VecSchedule {
  alpha: number;
  minAlpha: number;
  /** Raw words of all epochs (corpus words x epochs): progress 1. */
  totalWords: number;
  /** Raw words trained so far, one slot per thread; the loop updates `progress[slot]`. */
  progress: Float64Array;
  slot: number;
}

/** What one pass over a range of sentences did. */
export interface Word2VecPassResult {
  /** Sum of the objective over the pass (0 unless `computeLoss`). */
  loss: number;
  /** (centre, context) pairs trained: skip-gram pairs, or CBOW centre words. */
  pairs: number;
  /** Words kept after subsampling. */
  words: number;
  /** The learning rate at the end. */
  alpha: number;
}

/**
 * One pass over sentences `[first, end)`: subsampling, shrinking windows and negative
 * sampling as gensim's `train_batch_sg` / `train_batch_cbow`, with the learning rate
 * recomputed at each sentence from the words trained by every thread. `random[0]` is the
 * mulberry32 state (`nextUint32`), advanced in place; `onWords` is called after a
 * sentence whenever at least 10,000 more words were trained.
 *
 * @example
 * const result = trainPass(kernel, schedule, 0, kernel.starts.length - 1, Uint32Array.of(word2vecSeed(1, 0)));
 */
export function trainPass(
  kernel: Word2VecKernel,
  schedule: Word2VecSchedule,
  first: number,
  end: number,
  random: Uint32Array,
  onWords?: () => void,
): Word2VecPassResult {
  const { dimension, input, output, negativeTable, keepThresholds, ids, starts, rawWords, window, negative, skipGram, cbowMean, computeLoss } =
    kernel;
  const { progress, slot } = schedule;
  const kept = new Int32Array(Math.min(kernel.maxSentenceLength, ids.length) + 1);
  const targets = new Int32Array(negative + 1);
  const { guide, shift } = negativeSamplingGuide(negativeTable);
  const work = new Float32Array(dimension);
  const hidden = new Float32Array(dimension);
  let loss = 0;
  let pairs = 0;
  let words = 0;
  let alpha = schedule.alpha;
  let sinceReport = 0;
  for (let s = first; s < end; s++) {
    let done = 0;
    for (let w = 0; w < progress.length; w++) done += progress[w];
    alpha = linearAlpha(done / schedule.totalWords, schedule.alpha, schedule.minAlpha);
    // Subsampling: keep each occurrence with its word's probability.
    let length = 0;
    for (let p = starts[s], stop = starts[s + 1]; p < stop && length < kernel.maxSentenceLength; p++) {
      const id = ids[p];
      if (keepThresholds === null || keepThresholds[id] >= nextUint32(random)) kept[length++] = id;
    }
    words += length;
    for (let i = 0; i < length; i++) {
      const reach = kernel.shrinkWindows ? window - (nextUint32(random) % window) : window;
      const from = Math.max(i - reach, 0);
      const to = Math.min(i + reach + 1, length);
      const centre = kept[i];
      if (skipGram) {
        for (let j = from; j < to; j++) {
          if (j === i) continue;
          const count = drawTargets(negativeTable, guide, shift, centre, negative, targets, random);
          const row = kept[j] * dimension;
          work.fill(0);
          loss += negativeSamplingStep(input, row, output, targets, count, dimension, alpha, work, computeLoss);
          for (let k = 0; k < dimension; k++) input[row + k] += work[k];
          pairs++;
        }
      } else if (to - from > 1) {
        hidden.fill(0);
        for (let j = from; j < to; j++) {
          if (j === i) continue;
          const row = kept[j] * dimension;
          for (let k = 0; k < dimension; k++) hidden[k] += input[row + k];
        }
        const contexts = to - from - 1;
        if (cbowMean) for (let k = 0; k < dimension; k++) hidden[k] /= contexts;
        const count = drawTargets(negativeTable, guide, shift, centre, negative, targets, random);
        work.fill(0);
        loss += negativeSamplingStep(hidden, 0, output, targets, count, dimension, alpha, work, computeLoss);
        // gensim spreads the error of a summed window over its words.
        if (!cbowMean) for (let k = 0; k < dimension; k++) work[k] /= contexts;
        for (let j = from; j < to; j++) {
          if (j === i) continue;
          const row = kept[j] * dimension;
          for (let k = 0; k < dimension; k++) input[row + k] += work[k];
        }
        pairs++;
      }
    }
    progress[slot] += rawWords[s];
    sinceReport += rawWords[s];
    if (onWords !== undefined && sinceReport >= 10000) {
      sinceReport = 0;
      onWords();
    }
  }
  return { loss, pairs, words, alpha };
}

/**
 * Puts `centre` then `negative` draws from `table` (through its `negativeSamplingGuide`) into
 * `targets`, leaving out draws of `centre` itself (as gensim); returns how many targets there are.
 *
 * @example
 * const { guide, shift } = negativeSamplingGuide(table);
 * const count = drawTargets(table, guide, shift, 3, 5, new Int32Array(6), Uint32Array.of(1));
 */
export function drawTargets(
  table: Uint32Array,
  guide: Int32Array,
  shift: number,
  centre: number,
  negative: number,
  targets: Int32Array,
  random: Uint32Array,
): number {
  const limit = table[table.length - 1];
  targets[0] = centre;
  let count = 1;
  for (let d = 0; d < negative; d++) {
    const target = drawWithGuide(table, guide, shift, nextUint32(random) % limit);
    if (target !== centre) targets[count++] = target;
  }
  return count;
}
