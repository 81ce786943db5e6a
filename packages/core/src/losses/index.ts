// Every self-supervised loss of selfsup: pure functions returning a tf.Scalar.
export { byolLoss } from './byol-loss.js';
export {
  ALIGN_LABEL_SMOOTHING,
  CLIP_DEFAULT_LABEL_SMOOTHING,
  CLIP_INITIAL_LOGIT_SCALE,
  type ClipLossOptions,
  clipLoss,
} from './clip-loss.js';
export { CODEBOOK_DIVERSITY_EPSILON, codebookDiversityLoss, WAV2VEC_DIVERSITY_WEIGHT } from './codebook-diversity-loss.js';
export {
  DINO_DEFAULT_STUDENT_TEMPERATURE,
  DINO_DEFAULT_TEACHER_TEMPERATURE,
  type DinoLossOptions,
  dinoLoss,
} from './dino-loss.js';
export { INFO_NCE_DEFAULT_TEMPERATURE, type InfoNceOptions, infoNce } from './info-nce.js';
export {
  MASKED_CROSS_ENTROPY_DEFAULT_IGNORE_INDEX,
  type MaskedCrossEntropyOptions,
  maskedCrossEntropy,
} from './masked-cross-entropy.js';
export { negativeCosineSimilarity } from './negative-cosine-similarity.js';
export { NT_XENT_DEFAULT_TEMPERATURE, type NtXentOptions, ntXent } from './nt-xent.js';
export {
  RECONSTRUCTION_DEFAULT_KIND,
  type ReconstructionKind,
  type ReconstructionLossOptions,
  reconstructionLoss,
} from './reconstruction-loss.js';
export {
  WAV2VEC_DEFAULT_TEMPERATURE,
  WAV2VEC_DISTRACTORS,
  type Wav2vecContrastiveLossOptions,
  wav2vecContrastiveLoss,
} from './wav2vec-contrastive-loss.js';
