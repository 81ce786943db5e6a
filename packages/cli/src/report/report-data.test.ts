import { describe, expect, it } from 'vitest';
import { buildReportData, REPORT_MAX_CURVE_POINTS } from './report-data.js';
import type { MetricsRecord, RunFiles } from './run-files.js';

function run(stepCount: number, overrides: Partial<RunFiles> = {}): RunFiles {
  const metrics: MetricsRecord[] = Array.from({ length: stepCount }, (_, index) => ({
    step: index + 1,
    epoch: 0,
    loss: index === 2 ? null : 1 / (index + 1),
    learningRate: 0.001,
    values: (index % 2 === 0 ? { accuracy: 0.5 } : {}) as Record<string, number | null>,
    evaluation: index % 10 === 9 ? { meanDimensionStd: 0.05, healthyStd: 0.0884, effectiveRank: 20.123456, collapsed: false } : null,
  }));
  return {
    directory: '/runs/a',
    config: {},
    metrics,
    evaluation: null,
    projection: null,
    augmentedViews: null,
    validation: null,
    samples: [],
    neighbours: null,
    ...overrides,
  };
}

describe('buildReportData', () => {
  it('down-samples long curves to at most 2,000 points, keeping the first and last steps', () => {
    const data = buildReportData(run(10_000));
    expect(REPORT_MAX_CURVE_POINTS).toBe(2000);
    expect(data.loss.steps).toHaveLength(2000);
    expect([data.loss.steps[0], data.loss.steps.at(-1)]).toEqual([1, 10_000]);
    expect(data.loss.series.map((curve) => [curve.name, curve.values.length])).toEqual([
      ['loss', 2000],
      ['smoothed', 2000],
    ]);
    expect(data.collapse?.steps).toHaveLength(1000);
    expect(data.collapse?.series[2].values[0]).toBe(20.12);
  });

  it('keeps null losses as gaps, and the other metrics with null where a line lacks them', () => {
    const data = buildReportData(run(4));
    expect(data.loss.series[0].values).toEqual([1, 0.5, null, 0.25]);
    expect(data.otherMetrics?.series).toEqual([{ name: 'accuracy', values: [0.5, null, 0.5, null] }]);
    expect([data.probes, data.projection]).toEqual([null, null]);
  });

  it('lists the probes by encoder and groups the projected points by class', () => {
    const results = { pretrained: { linear: 0.9, knn: 0.8 }, randomInit: { linear: 0.5, knn: 0.4 }, rawPixels: null };
    const projection = {
      labels: [0, 1, 0],
      classes: ['a', 'b'],
      embeddings: [
        [0, 0],
        [1, 1],
        [2, 2.5],
      ],
    };
    const data = buildReportData(
      run(2, { evaluation: { method: null, dataset: null, probeTrainCount: null, testCount: null, results }, projection }),
    );
    expect(data.probes).toEqual([
      { encoder: 'pretrained', accuracies: [0.9, 0.8] },
      { encoder: 'random init', accuracies: [0.5, 0.4] },
    ]);
    expect(data.projection?.classes.map((group) => [group.name, group.points.length])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });
});
