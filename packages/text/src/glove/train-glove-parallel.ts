import { type FitGloveParallelOptions, fitGloveParallel } from './fit-glove-parallel.js';
import { type GloveResult, gloveWordVectors, prepareGlove, type TrainGloveOptions } from './train-glove.js';

/**
 * `trainGlove` with the fit on `threads` worker threads (`fitGloveParallel`): the
 * vocabulary and the counts on the calling thread, then Hogwild epochs. Node only.
 *
 * @example
 * const { vectors } = await trainGloveParallel(wordSentences(texts), { threads: 4, windowSize: 10, onEpoch: (p) => console.log(p) });
 */
export async function trainGloveParallel(
  sentences: readonly (readonly string[])[],
  options: TrainGloveOptions & FitGloveParallelOptions = {},
): Promise<GloveResult> {
  const { vocabulary, cooccurrences } = prepareGlove('trainGloveParallel', sentences, options);
  const { parameters, costs } = await fitGloveParallel(cooccurrences, options);
  return { vocabulary, cooccurrences, parameters, costs, vectors: gloveWordVectors(vocabulary, parameters) };
}
