// Optimizers (tf.Optimizer subclasses with checkpointable slots) and gradient clipping.
export {
  ADAMW_DEFAULT_BETA1,
  ADAMW_DEFAULT_BETA2,
  ADAMW_DEFAULT_EPSILON,
  ADAMW_DEFAULT_LEARNING_RATE,
  ADAMW_DEFAULT_WEIGHT_DECAY,
  AdamW,
  type AdamWOptions,
} from './adamw.js';
export { SGD, SGD_DEFAULT_MOMENTUM, SGD_DEFAULT_WEIGHT_DECAY, type SgdOptions } from './sgd.js';
export {
  LARS,
  LARS_DEFAULT_MOMENTUM,
  LARS_DEFAULT_TRUST_COEFFICIENT,
  LARS_DEFAULT_WEIGHT_DECAY,
  type LarsOptions,
} from './lars.js';
export { SlotOptimizer, type SlotVariables, type VariableUpdate } from './slot-optimizer.js';
export { MomentumOptimizer, type MomentumSettings } from './momentum-optimizer.js';
export { type ClippedGradients, clipByGlobalNorm } from './clip-by-global-norm.js';
