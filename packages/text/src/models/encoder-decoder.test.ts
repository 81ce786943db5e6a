import * as tf from '@selfsup/core/tf';
import { saveAndLoad, useBackend } from '@selfsup/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BART_DEFAULTS,
  bart,
  ENCODER_DECODER_LAYER_NAMES,
  encoderDecoder,
  encoderDecoderLengths,
  encoderOf,
  T5_DEFAULTS,
  t5,
} from './encoder-decoder.js';

const SMALL = {
  vocabularySize: 17,
  encoderLength: 8,
  decoderLength: 6,
  encoderLayers: 2,
  decoderLayers: 2,
  heads: 2,
  units: 16,
  dropout: 0,
  seed: 4,
};
const ints = (values: number[][]) => tf.tensor2d(values, [values.length, values[0].length], 'int32');
const values = (t: tf.Tensor) => Array.from(t.dataSync());
const positions = (t: tf.Tensor, from: number, count: number) => Array.from(tf.tidy(() => tf.slice(t, [0, from], [-1, count]).dataSync()));

describe('encoderDecoder (T5, BART)', () => {
  beforeAll(() => useBackend('wasm'));

  it('maps [encoder ids, encoder mask, decoder ids] to [B, Tdec, V] logits and the encoder to [B, S, C]; T5 and BART defaults', () => {
    const { model, encoder } = t5(SMALL);
    const encoderIds = ints([
      [5, 6, 7, 1, 0],
      [8, 9, 1, 0, 0],
    ]);
    const encoderMask = tf.tensor2d([
      [1, 1, 1, 1, 0],
      [1, 1, 1, 0, 0],
    ]);
    const decoderIds = ints([
      [0, 16, 5],
      [0, 16, 8],
    ]);
    const logits = model.apply([encoderIds, encoderMask, decoderIds]) as tf.Tensor;
    const memory = encoder.apply([encoderIds, encoderMask]) as tf.Tensor;
    expect(logits.shape).toEqual([2, 3, 17]);
    expect(memory.shape).toEqual([2, 5, 16]);
    expect(model.name).toBe('t5');
    expect(bart(SMALL).model.name).toBe('bart');
    expect(encoderDecoderLengths(model)).toEqual({ encoderLength: 8, decoderLength: 6 });
    expect(T5_DEFAULTS).toMatchObject({ vocabularySize: 32128, encoderLayers: 6, decoderLayers: 6, heads: 8, units: 512, dropout: 0.1 });
    expect(BART_DEFAULTS).toMatchObject({ vocabularySize: 50265, encoderLength: 1024, encoderLayers: 6, decoderLayers: 6, heads: 12, units: 768 });
    tf.dispose([encoderIds, encoderMask, decoderIds, logits, memory]);
    model.dispose();
  });

  it('ignores padded encoder tokens; the decoder is causal; the embedding is shared', () => {
    const { model } = encoderDecoder(SMALL);
    const encoderMask = tf.tensor2d([[1, 1, 1, 0, 0]]);
    const run = (encoder: number[], decoder: number[]) => {
      const [a, b] = [ints([encoder]), ints([decoder])];
      const logits = model.apply([a, encoderMask, b]) as tf.Tensor;
      tf.dispose([a, b]);
      return logits;
    };
    const base = run([5, 6, 7, 0, 0], [0, 3, 4, 9]);
    const paddedChanged = run([5, 6, 7, 12, 13], [0, 3, 4, 9]);
    const laterChanged = run([5, 6, 7, 0, 0], [0, 3, 4, 10]);
    const encoderChanged = run([5, 6, 8, 0, 0], [0, 3, 4, 9]);
    expect(values(paddedChanged)).toEqual(values(base));
    expect(positions(laterChanged, 0, 3)).toEqual(positions(base, 0, 3));
    expect(positions(encoderChanged, 0, 1)).not.toEqual(positions(base, 0, 1));
    const shared = model.layers.filter((layer) => layer.name === ENCODER_DECODER_LAYER_NAMES.tokens);
    expect(shared).toHaveLength(1);
    expect(shared[0].inboundNodes).toHaveLength(2); // applied to the encoder's and the decoder's ids
    tf.dispose([encoderMask, base, paddedChanged, laterChanged, encoderChanged]);
    model.dispose();
  });

  it('the encoder shares the weights; the model survives a save and load and encoderOf finds the encoder again', async () => {
    const { model, encoder } = bart(SMALL);
    const encoderWeights = new Set(encoder.trainableWeights.map((w) => w.read()));
    expect(model.trainableWeights.filter((w) => encoderWeights.has(w.read())).length).toBe(encoder.trainableWeights.length);
    const inputs = [ints([[5, 6, 7, 1]]), tf.tensor2d([[1, 1, 1, 1]]), ints([[2, 0, 5]])];
    const logits = model.apply(inputs) as tf.Tensor;
    const memory = encoder.apply(inputs.slice(0, 2)) as tf.Tensor;
    const loaded = await saveAndLoad(model);
    const loadedLogits = loaded.apply(inputs) as tf.Tensor;
    const loadedMemory = encoderOf(loaded).apply(inputs.slice(0, 2)) as tf.Tensor;
    expect(values(loadedLogits)).toEqual(values(logits));
    expect(values(loadedMemory)).toEqual(values(memory));
    expect(encoderDecoderLengths(loaded)).toEqual({ encoderLength: 8, decoderLength: 6 });
    const other = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 2 })] });
    expect(() => encoderOf(other)).toThrow("encoderOf: model must be built by encoderDecoder() (three inputs and a layer 'encoder_final_norm')");
    tf.dispose([...inputs, logits, memory, loadedLogits, loadedMemory]);
    for (const m of [model, loaded, other]) m.dispose();
  });

  it('rejects bad configurations, naming the function and the option', () => {
    expect(() => t5({ ...SMALL, heads: 3 })).toThrow('t5: heads (3) must divide units (16)');
    expect(() => bart({ ...SMALL, decoderLayers: 0 })).toThrow('bart: decoderLayers must be a positive integer, got 0');
    expect(() => encoderDecoder({ ...SMALL, dropout: -0.1 })).toThrow('encoderDecoder: dropout must be in [0, 1), got -0.1');
  });
});
