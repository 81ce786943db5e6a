import * as tf from '../tf.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, useBackend } from '../testing/index.js';
import { layerDropout, layerSeedOf } from './layer-dropout.js';
import { TransformerEncoderBlock } from './transformer-encoder-block.js';

const context = (seed: number, offset: number, batchSize: number) => ({ training: true, context: { seed, offset, batchSize } });

describe.each(TEST_BACKENDS)('layerDropout on %s', (backend) => {
  beforeEach(() => useBackend(backend));

  it('is the identity when not training or at rate 0', () => {
    const x = tf.ones([4, 3]);
    for (const [rate, kwargs] of [
      [0.5, { training: false, context: { seed: 1, offset: 0, batchSize: 4 } }],
      [0, context(1, 0, 4)],
    ] as const) {
      expect(layerDropout(rate, kwargs, 7)(x)).toBe(x);
    }
    x.dispose();
  });

  it('keeps a unit with probability 1 − rate and scales it by 1 / (1 − rate); its gradient is the same mask', () => {
    const before = tf.memory().numTensors;
    const x = tf.ones([200, 50]);
    const drop = () => layerDropout(0.3, context(2, 0, 200), 5); // a fresh call: site 0, the same mask
    const out = drop()(x);
    const gradient = tf.grad((input: tf.Tensor) => tf.sum(drop()(input)))(x);
    const values = Array.from(out.dataSync());
    const kept = values.filter((v) => v !== 0);
    expect(kept.every((v) => Math.abs(v - 1 / 0.7) < 1e-6)).toBe(true);
    expect(kept.length / values.length).toBeGreaterThan(0.67);
    expect(kept.length / values.length).toBeLessThan(0.73);
    // d(sum(x · mask / 0.7)) / dx = mask / 0.7: the units of the forward pass.
    expect(Array.from(gradient.dataSync())).toEqual(values);
    tf.dispose([x, out, gradient]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('repeats for a seed, changes with the step seed and the layer, and gives each row of a slice the row of the whole batch', () => {
    const x = tf.randomNormal([6, 4, 5], 0, 1, 'float32', 3);
    const whole = layerDropout(0.5, context(11, 0, 6), 9)(x);
    expect(Array.from(layerDropout(0.5, context(11, 0, 6), 9)(x).dataSync())).toEqual(Array.from(whole.dataSync()));
    expect(Array.from(layerDropout(0.5, context(12, 0, 6), 9)(x).dataSync())).not.toEqual(Array.from(whole.dataSync()));
    expect(Array.from(layerDropout(0.5, context(11, 0, 6), 10)(x).dataSync())).not.toEqual(Array.from(whole.dataSync()));
    // Two workers with rows [0, 2) and [2, 6) of the same batch.
    const first = layerDropout(0.5, context(11, 0, 6), 9)(tf.slice(x, 0, 2));
    const second = layerDropout(0.5, context(11, 2, 6), 9)(tf.slice(x, 2, 4));
    expect(Array.from(tf.concat([first, second]).dataSync())).toEqual(Array.from(whole.dataSync()));
    // Successive calls (sites) of one layer call draw different masks.
    const drop = layerDropout(0.5, context(11, 0, 6), 9);
    expect(Array.from(drop(x).dataSync())).not.toEqual(Array.from(drop(x).dataSync()));
  });

  it('names the rows and the batch when a slice lies outside it', () => {
    const x = tf.ones([4, 2]);
    expect(() => layerDropout(0.5, context(1, 3, 6), 1)(x)).toThrow('layerDropout: rows [3, 7) lie outside a batch of 6');
    x.dispose();
  });

  it('a Transformer block with dropout gives each slice of a batch the rows it gives the whole batch', () => {
    const block = new TransformerEncoderBlock({ units: 8, numHeads: 2, dropout: 0.4, seed: 4 });
    const x = tf.randomNormal([4, 5, 8], 0, 1, 'float32', 1);
    const whole = block.apply(x, context(21, 0, 4)) as tf.Tensor;
    const parts = [0, 2].map((offset) => block.apply(tf.slice(x, offset, 2), context(21, offset, 4)) as tf.Tensor);
    const difference = tf.max(tf.abs(tf.sub(tf.concat(parts), whole))).dataSync()[0];
    expect(difference).toBeLessThan(1e-5);
    const inference = block.apply(x, { training: false }) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(inference, whole))).dataSync()[0]).toBeGreaterThan(1e-3); // dropout was on
  });

  it('seeds a layer from its weight seed, or from its name', () => {
    expect(layerSeedOf(42, 'any')).toBe(42);
    expect(layerSeedOf(undefined, 'block_1')).toBe(layerSeedOf(undefined, 'block_1'));
    expect(layerSeedOf(undefined, 'block_1')).not.toBe(layerSeedOf(undefined, 'block_2'));
  });
});
