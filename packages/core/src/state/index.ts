export { type StateSnapshot, type Stateful, requireStateTensor } from './stateful.js';
export { MOMENTUM_ENCODER_DEFAULT_MOMENTUM, MomentumEncoder } from './momentum-encoder.js';
export { MEMORY_BANK_DEFAULT_SIZE, MemoryBank } from './memory-bank.js';
export { MovingAverage } from './moving-average.js';
