// Text pre-training methods on the core's method contract.
export { type CausalLanguageModelingOptions, causalLanguageModeling } from './causal-language-modeling.js';
export type { TextMethod, TokenSequences } from './text-method.js';
