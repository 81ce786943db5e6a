// Backbones: the encoders the methods pretrain.
export { CONV_NET_DEFAULTS, type ConvNetOptions, convNet } from './conv-net.js';
export { RESNET18_BLOCKS, RESNET_DEFAULTS, type ResNetOptions, resnet } from './resnet.js';
export { VISION_TRANSFORMER_DEFAULTS, VIT_TINY, type VisionTransformerOptions, visionTransformer } from './vision-transformer.js';
export { PrependClassToken, SelectClassToken } from './class-token.js';
