// @selfsup/core: backend selection, training kernels, shared ops and layers, every loss, the
// training loop and the evaluation protocols. Browser-safe: no `node:` module in its import
// graph (a test walks it); the Node-only parts are in ./node.ts (`@selfsup/core/node`).
export { type BackendInfo, type BackendName, type InitBackendOptions, initBackend } from './backend/init-backend.js';
export { builtInKernel, providedKernelNames, registerTrainingKernels } from './kernels/register-training-kernels.js';
export { stopGradient } from './ops/stop-gradient.js';
export { L2_NORMALIZE_DEFAULTS, l2Normalize } from './ops/l2-normalize.js';
export { pairwiseCosineSimilarity, rowCosineSimilarity } from './ops/cosine-similarity.js';
export { createRandom, randomNormalArray, type SeededRandom } from './random/seeded-random.js';
export { type MutableArrayLike, shuffleInPlace } from './random/shuffle.js';
export * from './losses/index.js';
export * from './layers/index.js';
export * from './optimizers/index.js';
export * from './schedules/index.js';
export * from './state/index.js';
export * from './training/index.js';
export * from './evaluation/index.js';
export * from './clustering/index.js';
export { deriveSeed } from './random/derive-seed.js';
export { type Replica, type ReplicaFactory, type WireTensor, methodReplica } from './parallel/replica.js';
export * from './validation/index.js';
export * from './data/index.js';
