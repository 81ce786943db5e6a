// Data: MNIST from its IDX files, image folders through sharp.
export { type IdxArray, type IdxType, parseIdx, readIdxFile } from './idx.js';
export { type LabelledImages, loadMnist, type MnistSplit } from './mnist.js';
export { type FloatImages, selectImages } from './select-images.js';
export { IMAGE_EXTENSIONS, type ImageFolder, type ScanImageFolderOptions, scanImageFolder } from './image-folder.js';
export { type LoadImageOptions, loadImage } from './load-image.js';
export { ImageDecodeError } from './image-decode-error.js';
export { SkippedImages, type SkippedImagesOptions } from './skipped-images.js';
export { type LoadedImageRows, type LoadImageRowsOptions, loadImageRows } from './load-image-rows.js';
export { type ImageFolderBatch, imageFolderSource } from './image-folder-source.js';
export { EMOJI_DEFAULTS, EMOJI_EXCLUDED_CATEGORIES, type EmojiImages, type LoadEmojiOptions, loadEmoji } from './emoji.js';
