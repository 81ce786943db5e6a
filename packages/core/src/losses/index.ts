// Every self-supervised loss of selfsup: pure functions returning a tf.Scalar.
export { byolLoss } from './byol-loss.js';
export {
  ALIGN_LABEL_SMOOTHING,
  CLIP_INITIAL_LOGIT_SCALE,
  CLIP_LOSS_DEFAULTS,
  type ClipLossOptions,
  clipLoss,
} from './clip-loss.js';
export { CODEBOOK_DIVERSITY_EPSILON, codebookDiversityLoss, WAV2VEC_DIVERSITY_WEIGHT } from './codebook-diversity-loss.js';
export {
  DINO_LOSS_DEFAULTS,
  type DinoLossOptions,
  dinoLoss,
} from './dino-loss.js';
export { INFO_NCE_DEFAULTS, type InfoNceOptions, infoNce } from './info-nce.js';
export {
  MASKED_CROSS_ENTROPY_DEFAULTS,
  type MaskedCrossEntropyOptions,
  maskedCrossEntropy,
} from './masked-cross-entropy.js';
export { negativeCosineSimilarity } from './negative-cosine-similarity.js';
export { NT_XENT_DEFAULTS, type NtXentOptions, ntXent } from './nt-xent.js';
export {
  RECONSTRUCTION_LOSS_DEFAULTS,
  type ReconstructionKind,
  type ReconstructionLossOptions,
  reconstructionLoss,
} from './reconstruction-loss.js';
export {
  WAV2VEC_CONTRASTIVE_LOSS_DEFAULTS,
  WAV2VEC_DISTRACTORS,
  type Wav2vecContrastiveLossOptions,
  wav2vecContrastiveLoss,
} from './wav2vec-contrastive-loss.js';
