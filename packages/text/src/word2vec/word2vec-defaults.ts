import { assertFiniteNumber, assertFunction, assertInteger } from '@selfsup/core';
import type { Word2VecProgress } from './word2vec-progress.js';

/**
 * The defaults of `trainWord2Vec` and `trainWord2VecParallel`: gensim 4's `Word2Vec`
 * defaults, which are word2vec.c's except where noted. Frozen.
 *
 * @example
 * WORD2VEC_DEFAULTS.window; // 5
 * trainWord2Vec(sentences, { ...WORD2VEC_DEFAULTS, skipGram: true });
 */
export const WORD2VEC_DEFAULTS = Object.freeze({
  /** Vector dimension: gensim's `vector_size=100` (word2vec.c's `-size 100`). */
  dimension: 100,
  /** Context words on each side at most: gensim's `window=5` (word2vec.c's `-window 5`). */
  window: 5,
  /** Words seen fewer times are dropped: gensim's `min_count=5` (word2vec.c's `-min-count 5`). */
  minCount: 5,
  /** Negative samples per positive pair: gensim's `negative=5` (word2vec.c's `-negative 5`). */
  negative: 5,
  /** Negatives are drawn from count^nsExponent: gensim's `ns_exponent=0.75` (word2vec.c's fixed 0.75). */
  nsExponent: 0.75,
  /** Frequent-word subsampling threshold: gensim's `sample=1e-3` (word2vec.c's `-sample 1e-3`); 0 turns it off. */
  sample: 1e-3,
  /** Starting learning rate: gensim's `alpha=0.025` (word2vec.c's skip-gram default; its CBOW default is 0.05). */
  alpha: 0.025,
  /** The learning rate falls linearly to this over all epochs: gensim's `min_alpha=1e-4` (word2vec.c: alpha x 1e-4). */
  minAlpha: 1e-4,
  /** Passes over the corpus: gensim's `epochs=5` (word2vec.c's `-iter 5`). */
  epochs: 5,
  /** Skip-gram (predict each context word from the centre word) instead of CBOW: gensim's `sg=0`, CBOW (word2vec.c's `-cbow 1`). */
  skipGram: false,
  /** CBOW averages the context vectors (true) or sums them: gensim's `cbow_mean=1`. */
  cbowMean: true,
  /** Each centre word draws its window uniformly from 1..window: gensim's `shrink_windows=True`. */
  shrinkWindows: true,
  /** Seed of the initial vectors and of every draw: gensim's `seed=1`. */
  seed: 1,
  /** Sum the objective (a little slower): gensim's `compute_loss=False`. */
  computeLoss: false,
  /** Longer sentences are cut after this many words (after subsampling): gensim's MAX_WORDS_IN_BATCH 10000. */
  maxSentenceLength: 10000,
});

/** Options of `trainWord2Vec` (all optional; see `WORD2VEC_DEFAULTS`). */
export interface Word2VecOptions {
  /** Vector dimension. Default 100. */
  dimension?: number;
  /** Context words on each side at most. Default 5. */
  window?: number;
  /** Drop words seen fewer times. Default 5. */
  minCount?: number;
  /** Negative samples per positive pair (>= 1). Default 5. */
  negative?: number;
  /** Exponent of the negative-sampling distribution. Default 0.75. */
  nsExponent?: number;
  /** Subsampling threshold in [0, 1); 0 keeps every word. Default 1e-3. */
  sample?: number;
  /** Starting learning rate. Default 0.025. */
  alpha?: number;
  /** Final learning rate. Default 1e-4. */
  minAlpha?: number;
  /** Passes over the corpus. Default 5. */
  epochs?: number;
  /** Skip-gram instead of CBOW. Default false (CBOW, as gensim). */
  skipGram?: boolean;
  /** CBOW: mean (true) or sum (false) of the context vectors. Default true. */
  cbowMean?: boolean;
  /** Draw each centre word's window from 1..window. Default true. */
  shrinkWindows?: boolean;
  /** Seed. Default 1. */
  seed?: number;
  /** Sum the objective into `model.losses`. Default false. */
  computeLoss?: boolean;
  /** Cut sentences after this many (kept) words. Default 10000. */
  maxSentenceLength?: number;
  /** Called about once a second (and at the end of each epoch) while training. */
  onProgress?: (progress: Word2VecProgress) => void;
}

/** `Word2VecOptions` with every default filled in (no callback). */
export type ResolvedWord2VecOptions = Required<Omit<Word2VecOptions, 'onProgress'>>;

/**
 * Fills in the defaults and checks every option, naming `fn` in its errors.
 *
 * @example
 * resolveWord2VecOptions('trainWord2Vec', { skipGram: true }).window; // 5
 */
export function resolveWord2VecOptions(fn: string, options: Word2VecOptions): ResolvedWord2VecOptions {
  if (options === null || typeof options !== 'object')
    throw new Error(`${fn}: options must be an object, got ${options === null ? 'null' : typeof options}`);
  const known = new Set([...Object.keys(WORD2VEC_DEFAULTS), 'onProgress']);
  const unknown = Object.keys(options).filter((key) => !known.has(key) && (options as Record<string, unknown>)[key] !== undefined);
  if (unknown.length > 0) throw new Error(`${fn}: unknown option '${unknown[0]}'; the options are ${[...known].join(', ')}`);
  const resolved = { ...WORD2VEC_DEFAULTS } as ResolvedWord2VecOptions;
  for (const key of Object.keys(WORD2VEC_DEFAULTS) as (keyof ResolvedWord2VecOptions)[]) {
    const value = options[key];
    if (value !== undefined) (resolved as Record<string, unknown>)[key] = value;
  }
  assertInteger(fn, 'options.dimension', resolved.dimension, 1);
  assertInteger(fn, 'options.window', resolved.window, 1);
  assertInteger(fn, 'options.minCount', resolved.minCount, 1);
  assertInteger(fn, 'options.negative', resolved.negative, 1);
  assertFiniteNumber(fn, 'options.nsExponent', resolved.nsExponent);
  assertFiniteNumber(fn, 'options.sample', resolved.sample, { min: 0, max: 1, maxExclusive: true });
  assertFiniteNumber(fn, 'options.alpha', resolved.alpha, { min: 0, minExclusive: true });
  assertFiniteNumber(fn, 'options.minAlpha', resolved.minAlpha, { min: 0, max: resolved.alpha });
  assertInteger(fn, 'options.epochs', resolved.epochs, 1);
  assertInteger(fn, 'options.seed', resolved.seed);
  assertInteger(fn, 'options.maxSentenceLength', resolved.maxSentenceLength, 1);
  for (const key of ['skipGram', 'cbowMean', 'shrinkWindows', 'computeLoss'] as const) {
    if (typeof resolved[key] !== 'boolean') throw new Error(`${fn}: options.${key} must be a boolean, got ${String(resolved[key])}`);
  }
  if (options.onProgress !== undefined) assertFunction(fn, 'options.onProgress', options.onProgress, '(progress) => void');
  return resolved;
}
