// Language models built from the core's Transformer blocks, and generation.
export { BERT_DEFAULTS, BERT_LAYER_NAMES, type BertConfig, type BertModels, bert, bertContextLength, bertEncoderOf } from './bert.js';
export {
  BART_DEFAULTS,
  bart,
  ENCODER_DECODER_LAYER_NAMES,
  type EncoderDecoderConfig,
  type EncoderDecoderModels,
  encoderDecoder,
  encoderDecoderLengths,
  encoderOf,
  T5_DEFAULTS,
  t5,
} from './encoder-decoder.js';
export { GENERATE_DEFAULTS, type GenerateOptions, generate } from './generate.js';
export { GPT_DEFAULTS, GPT_LAYER_NAMES, type GptConfig, gpt } from './gpt.js';
export { SAMPLING_DEFAULTS, type SamplingOptions, sampleToken } from './sample-token.js';
export { SelectFirstToken } from './select-first-token.js';
