// Backbones: the encoders the methods pretrain.
export { CONV_NET_DEFAULT_FILTERS, type ConvNetOptions, convNet } from './conv-net.js';
export { RESNET18_BLOCKS, RESNET_DEFAULT_WIDTH, type ResNetOptions, resnet } from './resnet.js';
export { VIT_DEFAULT_PATCH_SIZE, VIT_TINY, type VisionTransformerOptions, visionTransformer } from './vision-transformer.js';
export { PrependClassToken, SelectClassToken } from './class-token.js';
