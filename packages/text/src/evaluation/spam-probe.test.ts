// End to end on real data: the bag-of-words baseline of the spam task, probed with the
// core's linear probe and kNN on a small sample of SpamAssassin's email bodies.
import { KNN_LIGHTLY, knnEvaluate, linearProbe } from '@selfsup/core';
import { useBackend } from '@selfsup/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTextProbeDocuments } from './load-text-probe-documents.js';
import { fitBagOfWords } from './bag-of-words.js';
import { TEXT_PROBE_TASKS, textProbeSplit } from './text-probe-tasks.js';

describe('the spam probe on SpamAssassin', () => {
  beforeAll(() => useBackend('wasm'));

  it('a bag-of-words linear probe and kNN on 400 + 400 email bodies are well above chance', async () => {
    const split = textProbeSplit(TEXT_PROBE_TASKS.spam, await loadTextProbeDocuments('spam'), { seed: 0, trainCount: 400, testCount: 400 });
    const spamShare = Array.from(split.test.labels).filter((label) => label === split.classes.indexOf('spam')).length / 400;
    expect(spamShare).toBeCloseTo(1896 / 6046, 1); // stratified: about 31% spam on each side
    expect(split.test.texts.some((text) => /^Return-Path:/m.test(text))).toBe(false); // bodies only

    const bow = fitBagOfWords(split.train.texts, { maxFeatures: 1000 });
    const common = {
      trainFeatures: bow.transform(split.train.texts),
      trainLabels: split.train.labels,
      testFeatures: bow.transform(split.test.texts),
      testLabels: split.test.labels,
      numClasses: 2,
    };
    const linear = await linearProbe({ ...common, epochs: 30, seed: 0 });
    const knn = knnEvaluate({ ...common, ...KNN_LIGHTLY });
    // Always answering ham scores 1 - 0.31 = 0.69; word counts separate spam far better.
    expect(linear.accuracy).toBeGreaterThan(0.85);
    expect(knn.accuracy).toBeGreaterThan(0.8);
  }, 30_000);
});
