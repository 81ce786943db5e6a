// Self-supervised methods: each composes the core's heads, losses and state.
export { type ImagesBatch, type ViewTransform, type VisionMethod, definedOnly, imagesToTensor, outputUnits, trainableVariablesOf } from './views.js';
export { SIMCLR_DEFAULTS, type SimclrOptions, simclr } from './simclr.js';
export { MOCO_DEFAULTS, type MocoOptions, moco } from './moco.js';
export { BYOL_DEFAULTS, type ByolOptions, byol } from './byol.js';
export { SIMSIAM_DEFAULTS, type SimsiamOptions, simsiam } from './simsiam.js';
export { DINO_DEFAULTS, type DinoOptions, dino } from './dino.js';
export { ROTATIONS, type RotationOptions, rotateQuarterTurns, rotationPrediction } from './rotation.js';
export { AUTOENCODER_DEFAULTS, type AutoencoderOptions, DENOISING_AUTOENCODER, autoencoder } from './autoencoder.js';
export { INPAINTING_DEFAULTS, type InpaintingOptions, cutHoles, inpainting } from './inpainting.js';
export { MLP_DECODER_DEFAULTS, mlpDecoder } from './mlp-decoder.js';
export {
  JIGSAW_PERMUTATION_CANDIDATES,
  JIGSAW_TILES,
  type JigsawPermutationsOptions,
  hammingDistance,
  jigsawPermutations,
} from './jigsaw-permutations.js';
export { JIGSAW_DEFAULTS, JIGSAW_GRID, type JigsawOptions, type JigsawTilesOptions, cutJigsawTiles, jigsaw } from './jigsaw.js';
export { D65_WHITE, type LabImages, labToRgb, rgbToLab } from './lab-color.js';
export {
  COLORIZATION_AB_SCALE,
  COLORIZATION_DEFAULTS,
  type ColorizationOptions,
  colorization,
  splitLightnessAndColor,
} from './colorization.js';
