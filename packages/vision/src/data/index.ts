// Data, browser-safe: image batches and the IDX parser. Loading from disk (MNIST, image
// folders and emoji through sharp) is in ../node.ts (`@selfsup/vision/node`).
export { type IdxArray, type IdxType, parseIdx } from './idx.js';
export type { LabelledImages, MnistSplit } from './mnist.js';
export { type FloatImages, selectImages } from './select-images.js';
export { ImageDecodeError } from './image-decode-error.js';
export { SkippedImages, type SkippedImagesOptions } from './skipped-images.js';
