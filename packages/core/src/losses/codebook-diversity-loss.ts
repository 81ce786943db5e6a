import * as tf from '../tf.js';
import { assertFloatTensor } from '../validation/index.js';

/** Added inside the logarithm so that an unused entry (p = 0) gives 0 · log(1e-7) = 0, as fairseq does. */
export const CODEBOOK_DIVERSITY_EPSILON = 1e-7;
/** Weight of the diversity loss next to the (mean) contrastive loss in wav2vec 2.0. */
export const WAV2VEC_DIVERSITY_WEIGHT = 0.1;

const LOSS = 'codebookDiversityLoss';

/**
 * wav2vec 2.0's codebook diversity loss: how far the codebook usage is from uniform.
 *
 * With p_gv the probability of entry v in group g, averaged over the frames of a batch,
 * and ε = `CODEBOOK_DIVERSITY_EPSILON` (1e-7) guarding log(0):
 *
 *   perplexity = sum_g exp( -sum_v p_gv log(p_gv + ε) )
 *   loss = (G·V - perplexity) / (G·V)
 *
 * 0 when every group uses all V entries equally (perplexity G·V); (V - 1) / V when every
 * group uses a single entry (perplexity G).
 *
 * Reference: wav2vec 2.0 (Baevski et al. 2020), loss L_d, as computed in fairseq.
 * fairseq multiplies this by the sample size because its contrastive term is a sum over
 * frames; `wav2vecContrastiveLoss` is a mean, so add `WAV2VEC_DIVERSITY_WEIGHT` (0.1) times
 * this loss directly.
 *
 * Pure: rows are expected to sum to 1 (softmax of the quantizer logits, averaged over
 * frames); this is not checked, since that would read the values back.
 *
 * @param probs Shape [G, V], float32: per-group codebook usage probabilities.
 * @returns A scalar in [0, 1).
 *
 * @example
 * // quantizerLogits: [frames, G, V] before the Gumbel softmax
 * const usage = tf.mean(tf.softmax(quantizerLogits), 0) as tf.Tensor2D; // [G, V]
 * const loss = codebookDiversityLoss(usage);
 */
export function codebookDiversityLoss(probs: tf.Tensor2D): tf.Scalar {
  assertFloatTensor(LOSS, 'probs', probs, 2, '[G, V]');
  const [groups, entries] = probs.shape;
  const size = groups * entries;
  return tf.tidy(() => {
    const entropy = tf.neg(tf.sum(tf.mul(probs, tf.log(tf.add(probs, CODEBOOK_DIVERSITY_EPSILON))), -1)); // [G]
    const perplexity = tf.sum(tf.exp(entropy));
    return tf.div(tf.sub(size, perplexity), size) as tf.Scalar;
  });
}
