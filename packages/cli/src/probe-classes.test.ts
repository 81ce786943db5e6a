import { describe, expect, it } from 'vitest';
import type { CliDataset, ImageSplit } from './datasets.js';
import { probeSkipReason } from './probe-classes.js';

const split = (labels: number[]): ImageSplit => ({
  count: labels.length,
  labels: Int32Array.from(labels),
  load: async () => {
    throw new Error('not loaded in this test');
  },
});
const dataset = (classes: string[], train: number[], test: number[] | null): CliDataset => ({
  name: 'data/pets',
  shape: [8, 8, 3],
  classes,
  train: split(train),
  test: test && split(test),
});

describe('probeSkipReason', () => {
  it('is null with two classes in both splits', () => {
    expect(probeSkipReason(dataset(['cat', 'dog'], [0, 1, 1], [0, 1]))).toBeNull();
  });

  it('names the reason: no labels, one class, a split with one class or none', () => {
    expect(probeSkipReason(dataset([], [0], null))).toBe("'data/pets' has no class sub-folders, so there is nothing to probe");
    expect(probeSkipReason(dataset(['cat'], [0, 0], [0]))).toBe("'data/pets' has one class (cat); the probes need at least two, so they are skipped");
    expect(probeSkipReason(dataset(['cat', 'dog'], [0, 0, 1], [0]))).toBe(
      "the test split of 'data/pets' holds one class (cat) (every 5th image of a class is held out for it); the probes need at least two classes, so they are skipped",
    );
    expect(probeSkipReason(dataset(['cat', 'dog'], [1, 1], [0, 1]))).toBe(
      "the training split of 'data/pets' holds one class (dog); the probes need at least two classes, so they are skipped",
    );
  });
});
