// The TensorFlow.js namespace selfsup uses, exposed as `@selfsup/core/tf`: tfjs-core (tensors,
// ops, gradients, optimizers, io, the engine) and tfjs-layers (layers, models,
// `loadLayersModel`), the two granular packages that are peer dependencies of every selfsup
// package, so an application shares one copy of them with selfsup. It also registers the cpu
// backend, as the `@tensorflow/tfjs` umbrella does; `initBackend()` adds wasm or native
// TensorFlow. The umbrella's webgl, converter and data packages are not used, so not installed.
//
// @example
// import * as tf from '@selfsup/core/tf';
// const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 2 })] });
// model.predict(tf.ones([1, 4]));
import '@tensorflow/tfjs-backend-cpu';

export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
