import { describe, expect, it } from 'vitest';
import { collapseSentence, formatGain, probeGainSentences, runTitle } from './report-summary.js';
import type { MetricsRecord, ProbeEvaluation } from './run-files.js';

const evaluation: ProbeEvaluation = {
  method: 'byol',
  dataset: 'emoji',
  probeTrainCount: 1000,
  testCount: 500,
  results: { pretrained: { linear: 0.912, knn: 0.7 }, randomInit: { linear: 0.789, knn: 0.75 }, rawPixels: { linear: 0.85, knn: 0.9 } },
};

describe('report summary', () => {
  it('titles the run from config.json, then evaluation.json', () => {
    expect(runTitle({ config: { method: 'simclr', dataset: 'mnist' }, evaluation: null })).toBe('simclr on mnist');
    expect(runTitle({ config: {}, evaluation })).toBe('byol on emoji');
    expect(runTitle({ config: { method: 3 }, evaluation: null })).toBe('selfsup run');
  });

  it('states each gain in signed percentage points', () => {
    expect(formatGain(0.912, 0.789)).toBe('+12.3 points');
    expect(formatGain(0.7, 0.75)).toBe('\u22125.0 points');
    expect(probeGainSentences(evaluation)).toEqual([
      'Linear probe: 91.2% with the pretrained encoder vs 78.9% with a random-init one (+12.3 points).',
      'kNN probe: 70.0% with the pretrained encoder vs 75.0% with a random-init one (\u22125.0 points).',
      'On the raw pixels: 85.0% linear (pretrained +6.2 points), 90.0% kNN (pretrained \u221220.0 points).',
      'Probes trained on 1,000 labelled examples and tested on 500.',
    ]);
  });

  it('describes the last collapse evaluation and when collapse was flagged', () => {
    const record = (step: number, collapsed: boolean | null): MetricsRecord => ({
      step,
      epoch: 0,
      loss: 1,
      learningRate: null,
      values: {},
      evaluation: collapsed === null ? null : { meanDimensionStd: 0.0123456, healthyStd: 0.0884, effectiveRank: 1.5, collapsed },
    });
    expect(collapseSentence([record(1, null)])).toBeNull();
    expect(collapseSentence([record(10, false), record(20, true), record(25, null), record(30, true)])).toBe(
      'Last evaluation (step 30): mean per-dimension std 0.0123 against a healthy 0.0884, effective rank 1.5; collapsed.' +
        ' Collapse was flagged at 2 of 3 evaluations, first at step 20.',
    );
  });
});
