export { type StateSnapshot, type Stateful, requireStateTensor } from './stateful.js';
export { MOMENTUM_ENCODER_DEFAULTS, MomentumEncoder } from './momentum-encoder.js';
export { MEMORY_BANK_DEFAULTS, MemoryBank } from './memory-bank.js';
export { MovingAverage } from './moving-average.js';
