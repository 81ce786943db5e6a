/**
 * The learning rate after `progress` (in [0, 1]) of all epochs' words: linear from `alpha` to
 * `minAlpha`, never below `minAlpha` (gensim's `_get_next_alpha`; word2vec.c decays the same
 * way towards alpha x 1e-4). Progress counts the corpus's words before subsampling.
 *
 * @example
 * linearAlpha(0.5, 0.025, 0.0001); // 0.01255
 */
export function linearAlpha(progress: number, alpha: number, minAlpha: number): number {
  const next = alpha - (alpha - minAlpha) * progress;
  return Math.max(next, minAlpha);
}
