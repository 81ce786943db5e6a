import { describe, expect, it } from 'vitest';
import { splitTrainValidation } from './train-validation-split.js';

const letters = [...'abcdefghij'];

describe('splitTrainValidation', () => {
  it('draws whole documents with the seeded shuffle, each side in corpus order', () => {
    expect(splitTrainValidation(letters, { validationFraction: 0.3, seed: 1 })).toEqual({
      train: ['a', 'b', 'c', 'e', 'f', 'g', 'j'],
      validation: ['d', 'h', 'i'],
    });
    expect(splitTrainValidation(letters, { validationFraction: 0.3, seed: 1 })).toEqual(
      splitTrainValidation(letters, { validationFraction: 0.3, seed: 1 }),
    );
    expect(splitTrainValidation(letters, { validationFraction: 0.3, seed: 2 }).validation).not.toEqual(['d', 'h', 'i']);
  });

  it('keeps at least one document on each side, and none for a zero fraction', () => {
    expect(splitTrainValidation(['a', 'b'], { validationFraction: 0.01 }).validation).toHaveLength(1);
    expect(splitTrainValidation(['a', 'b'], { validationFraction: 0.9 }).train).toHaveLength(1);
    expect(splitTrainValidation(letters, { validationFraction: 0 })).toEqual({ train: letters, validation: [] });
  });

  it('names a bad fraction', () => {
    expect(() => splitTrainValidation(letters, { validationFraction: 1 })).toThrow(
      'splitTrainValidation: validationFraction must be in [0, 1), got 1',
    );
  });
});
