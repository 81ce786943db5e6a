// @selfsup/vision: image batches, augmentations, backbones, the self-supervised vision methods
// and their recipe book. Browser-safe (a test walks the import graph); the loaders that read
// files or use sharp are in ./node.ts (`@selfsup/vision/node`).
export * from './data/index.js';
export * from './augment/index.js';
export * from './backbones/index.js';
export * from './methods/index.js';
export * from './recipes/index.js';
