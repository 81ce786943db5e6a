// Seeded augmentations of Float32 NHWC image batches, and the view presets of SimCLR,
// BYOL and DINO. Plain JavaScript on typed arrays: the same bytes on every backend.
export { type ImageBatch, IMAGE_CHANNEL_COUNTS, cloneImageBatch, createImageBatch } from './image-batch.js';
export { ITU_R_601_LUMA_WEIGHTS } from './luma.js';
export { type ResizeBilinearOptions, resizeBilinear } from './resample.js';
export {
  type CropBox,
  RANDOM_RESIZED_CROP_ATTEMPTS,
  RANDOM_RESIZED_CROP_DEFAULTS,
  type RandomResizedCropOptions,
  randomResizedCrop,
  sampleCropBox,
} from './random-resized-crop.js';
export { HORIZONTAL_FLIP_DEFAULTS, type HorizontalFlipOptions, horizontalFlip } from './horizontal-flip.js';
export { adjustBrightness, adjustContrast, adjustHue, adjustSaturation } from './color-adjust.js';
export {
  COLOR_JITTER_DEFAULTS,
  type ColorJitterOptions,
  colorJitter,
} from './color-jitter.js';
export { RANDOM_GRAYSCALE_DEFAULTS, type RandomGrayscaleOptions, randomGrayscale } from './random-grayscale.js';
export {
  GAUSSIAN_BLUR_DEFAULTS,
  GAUSSIAN_BLUR_KERNEL_FRACTION,
  type GaussianBlurOptions,
  gaussianBlur,
  gaussianBlurKernelSize,
} from './gaussian-blur.js';
export { SOLARIZE_DEFAULTS, type SolarizeOptions, solarize } from './solarize.js';
export {
  MULTI_CROP_DEFAULTS,
  MULTI_CROP_MNIST_GLOBAL_SIZE,
  MULTI_CROP_MNIST_LOCAL_SIZE,
  type MultiCropOptions,
  multiCrop,
} from './multi-crop.js';
export { augmentView, type ViewRecipe } from './augment-view.js';
export {
  SIMCLR_CIFAR_COLOR_STRENGTH,
  SIMCLR_CIFAR_VIEW,
  SIMCLR_IMAGENET_COLOR_STRENGTH,
  SIMCLR_IMAGENET_VIEW,
  SIMCLR_SMALL_IMAGE_SIZE,
  type SimclrViewOptions,
  simclrColorJitter,
  simclrView,
} from './simclr-view.js';
export {
  BYOL_FIRST_VIEW,
  BYOL_SECOND_VIEW,
  type ByolViewOptions,
  type ByolViewsOptions,
  byolFirstView,
  byolSecondView,
  byolViews,
} from './byol-views.js';
export {
  DINO_FIRST_GLOBAL_VIEW,
  DINO_LOCAL_VIEW,
  DINO_SECOND_GLOBAL_VIEW,
  type DinoViewsOptions,
  dinoViews,
} from './dino-views.js';
export { DIGIT_LOCAL_CROPS, DIGIT_LOCAL_VIEW, DIGIT_VIEW, digitMultiCrop, digitView } from './digit-views.js';
