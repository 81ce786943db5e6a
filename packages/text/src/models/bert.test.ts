import * as tf from '@selfsup/core/tf';
import { saveAndLoad, useBackend } from '@selfsup/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { BERT_DEFAULTS, BERT_LAYER_NAMES, bert, bertContextLength, bertEncoderOf } from './bert.js';

const SMALL = { vocabularySize: 13, contextLength: 8, layers: 2, heads: 2, units: 16, dropout: 0, seed: 3 };
const rows = (t: tf.Tensor, from: number, count: number) => Array.from(tf.tidy(() => tf.slice(t, [0, from], [-1, count]).dataSync())); // positions [from, from + count) of [B, T, ...]

describe('bert', () => {
  beforeAll(() => useBackend('wasm'));

  it('maps ids, segments and a padding mask to [B, T, V] MLM logits, [B, 2] NSP logits and [B, T, C] hidden states', () => {
    const { pretraining, encoder } = bert(SMALL);
    const ids = tf.tensor2d([[2, 5, 6, 3, 7, 3, 0, 0]], [1, 8], 'int32');
    const segments = tf.tensor2d([[0, 0, 0, 0, 1, 1, 0, 0]], [1, 8], 'int32');
    const mask = tf.tensor2d([[1, 1, 1, 1, 1, 1, 0, 0]]);
    const [mlm, nsp] = pretraining.apply([ids, segments, mask]) as tf.Tensor[];
    const hidden = encoder.apply([ids, segments, mask]) as tf.Tensor;
    expect(mlm.shape).toEqual([1, 8, 13]);
    expect(nsp.shape).toEqual([1, 2]);
    expect(hidden.shape).toEqual([1, 8, 16]);
    expect(bertContextLength(pretraining)).toBe(8);
    expect(BERT_DEFAULTS).toMatchObject({ vocabularySize: 30522, contextLength: 512, layers: 12, heads: 12, units: 768, dropout: 0.1 });
    tf.dispose([ids, segments, mask, mlm, nsp, hidden]);
    pretraining.dispose();
  });

  it('ignores padded tokens; uses the segment ids', () => {
    const { pretraining } = bert(SMALL);
    const mask = tf.tensor2d([[1, 1, 1, 1, 1, 0, 0, 0]]);
    const segments = tf.tensor2d([[0, 0, 0, 1, 1, 0, 0, 0]], [1, 8], 'int32');
    const run = (ids: number[], segmentIds = segments) => {
      const input = tf.tensor2d([ids], [1, 8], 'int32');
      const outputs = pretraining.apply([input, segmentIds, mask]) as tf.Tensor[];
      input.dispose();
      return outputs;
    };
    const [mlmA, nspA] = run([2, 5, 3, 6, 3, 0, 0, 0]);
    const [mlmB, nspB] = run([2, 5, 3, 6, 3, 9, 11, 4]); // other tokens at the padded positions
    expect(rows(mlmB, 0, 5)).toEqual(rows(mlmA, 0, 5));
    expect(Array.from(nspB.dataSync())).toEqual(Array.from(nspA.dataSync()));
    const otherSegments = tf.tensor2d([[0, 0, 0, 0, 0, 0, 0, 0]], [1, 8], 'int32');
    const [mlmC, nspC] = run([2, 5, 3, 6, 3, 0, 0, 0], otherSegments);
    expect(rows(mlmC, 0, 3)).not.toEqual(rows(mlmA, 0, 3));
    expect(Array.from(nspC.dataSync())).not.toEqual(Array.from(nspA.dataSync()));
    tf.dispose([mask, segments, otherSegments, mlmA, nspA, mlmB, nspB, mlmC, nspC]);
    pretraining.dispose();
  });

  it('the encoder shares the pretraining model weights; both survive a save and load, and bertEncoderOf finds the encoder again', async () => {
    const { pretraining, encoder } = bert(SMALL);
    const encoderWeights = new Set(encoder.trainableWeights.map((w) => w.read()));
    const tokenTable = pretraining.getLayer(BERT_LAYER_NAMES.tokens).getWeights()[0]; // the variable itself, not a copy: not disposed here
    expect(pretraining.trainableWeights.filter((w) => encoderWeights.has(w.read())).length).toBe(encoder.trainableWeights.length);
    expect(pretraining.trainableWeights.length).toBeGreaterThan(encoder.trainableWeights.length); // the two heads
    const inputs = [
      tf.tensor2d([[2, 5, 6, 3, 7, 3]], [1, 6], 'int32'),
      tf.tensor2d([[0, 0, 0, 0, 1, 1]], [1, 6], 'int32'),
      tf.tensor2d([[1, 1, 1, 1, 1, 1]]),
    ];
    const before = encoder.apply(inputs) as tf.Tensor;
    const [mlm, nsp] = pretraining.apply(inputs) as tf.Tensor[];
    const loaded = await saveAndLoad(pretraining);
    const [loadedMlm, loadedNsp] = loaded.apply(inputs) as tf.Tensor[];
    const loadedEncoder = bertEncoderOf(loaded);
    const loadedHidden = loadedEncoder.apply(inputs) as tf.Tensor;
    expect(Array.from(loadedMlm.dataSync())).toEqual(Array.from(mlm.dataSync()));
    expect(Array.from(loadedNsp.dataSync())).toEqual(Array.from(nsp.dataSync()));
    expect(Array.from(loadedHidden.dataSync())).toEqual(Array.from(before.dataSync()));
    // Changing the pretraining model's token table changes the encoder's output.
    const doubled = tf.mul(tokenTable, 2);
    pretraining.getLayer(BERT_LAYER_NAMES.tokens).setWeights([doubled]);
    const after = encoder.apply(inputs) as tf.Tensor;
    expect(Array.from(after.dataSync())).not.toEqual(Array.from(before.dataSync()));
    const other = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 2 })] });
    expect(() => bertEncoderOf(other)).toThrow(
      "bertEncoderOf: pretraining must be a model built by bert() (three inputs and a layer 'bert_final_norm')",
    );
    other.dispose();
    tf.dispose([...inputs, before, mlm, nsp, loadedMlm, loadedNsp, loadedHidden, after, doubled]);
    pretraining.dispose();
    loaded.dispose();
  });

  it('rejects bad configurations, naming the option', () => {
    expect(() => bert({ ...SMALL, heads: 3 })).toThrow('bert: heads (3) must divide units (16)');
    expect(() => bert({ ...SMALL, layers: 0 })).toThrow('bert: layers must be a positive integer, got 0');
    expect(() => bert({ ...SMALL, dropout: 1 })).toThrow('bert: dropout must be in [0, 1), got 1');
  });
});
