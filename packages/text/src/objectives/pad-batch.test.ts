import * as tf from '@selfsup/core/tf';
import { describe, expect, it } from 'vitest';
import { padBatch, padSequences } from './pad-batch.js';

describe('padSequences and padBatch', () => {
  it('pads at the end into [B, T] int32, examples on axis 0', () => {
    const labels = padSequences([[5, 6, 7], [8]], { padValue: -100 });
    expect(labels.dtype).toBe('int32');
    expect(labels.shape).toEqual([2, 3]);
    expect(labels.arraySync()).toEqual([
      [5, 6, 7],
      [8, -100, -100],
    ]);
    labels.dispose();
  });

  it('gives token ids and the attention mask, to the longest or to a fixed length', () => {
    const before = tf.memory().numTensors;
    const { tokenIds, attentionMask } = padBatch(
      [
        [2, 7, 3],
        [2, 3],
      ],
      { padTokenId: 0, length: 4 },
    );
    expect(tokenIds.arraySync()).toEqual([
      [2, 7, 3, 0],
      [2, 3, 0, 0],
    ]);
    expect(attentionMask.arraySync()).toEqual([
      [1, 1, 1, 0],
      [1, 1, 0, 0],
    ]);
    expect(attentionMask.dtype).toBe('int32');
    tf.dispose([tokenIds, attentionMask]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('errors name the argument', () => {
    expect(() => padBatch([], { padTokenId: 0 })).toThrow('padBatch: sequences must be a non-empty array');
    expect(() => padBatch([[1, 2, 3]], { padTokenId: 0, length: 2 })).toThrow(
      'padBatch: sequences[0] has 3 tokens, more than options.length (2): truncate it first',
    );
    expect(() => padSequences([[1, 0.5]], { padValue: 0 })).toThrow('padSequences: sequences[0][1] must be an integer, got 0.5');
    expect(() => padSequences([[1]], { padValue: 0.5 })).toThrow('padSequences: options.padValue must be an integer');
    expect(() => padBatch([[1]], {} as never)).toThrow('padBatch: options.padTokenId must be an integer >= 0, got undefined');
  });
});
