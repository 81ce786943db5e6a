// Language models built from the core's Transformer blocks, and generation.
export { GENERATE_DEFAULTS, type GenerateOptions, generate } from './generate.js';
export { GPT_DEFAULTS, GPT_LAYER_NAMES, type GptConfig, gpt } from './gpt.js';
export { SAMPLING_DEFAULTS, type SamplingOptions, sampleToken } from './sample-token.js';
