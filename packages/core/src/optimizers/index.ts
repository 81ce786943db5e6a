// Optimizers (tf.Optimizer subclasses with checkpointable slots) and gradient clipping.
export {
  ADAMW_DEFAULTS,
  AdamW,
  type AdamWOptions,
} from './adamw.js';
export { SGD, SGD_DEFAULTS, type SgdOptions } from './sgd.js';
export {
  LARS,
  LARS_DEFAULTS,
  type LarsOptions,
} from './lars.js';
export { SlotOptimizer, type SlotVariables, type VariableUpdate } from './slot-optimizer.js';
export { MomentumOptimizer, type MomentumSettings } from './momentum-optimizer.js';
export { type ClippedGradients, clipByGlobalNorm } from './clip-by-global-norm.js';
