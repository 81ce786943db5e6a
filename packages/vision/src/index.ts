// @selfsup/vision: image data, augmentations and self-supervised vision methods.
export * from './data/index.js';
export * from './augment/index.js';
export * from './backbones/index.js';
export * from './methods/index.js';
export * from './recipes/index.js';
