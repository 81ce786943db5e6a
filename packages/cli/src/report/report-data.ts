import { downsampleIndices } from './downsample.js';
import { project2d } from './project-2d.js';
import type { MetricsRecord, RunFiles } from './run-files.js';
import { smoothCurve } from './smooth.js';

/** The most points kept of each curve (loss, learning rate, other metrics, collapse). */
export const REPORT_MAX_CURVE_POINTS = 2000;
/** The most embeddings drawn in the 2-D projection. */
export const REPORT_MAX_PROJECTION_POINTS = 5000;
/** Significant digits kept of every plotted value: plenty for a chart, and a small page. */
const SIGNIFICANT_DIGITS = 4;

type Value = number | null;
/** The metrics.jsonl figure of a text run's held-out loss (from its evaluations). */
const VALIDATION_LOSS = 'validationLoss';

/** A set of curves sharing their x values (training steps). */
export interface CurveData {
  steps: number[];
  series: { name: string; values: Value[] }[];
}

/** The data the report's charts draw, embedded in the page as JSON. */
export interface ReportData {
  /** Series "loss" and "smoothed". */
  loss: CurveData;
  /** Series "learning rate"; null when no line of metrics.jsonl has one. */
  learningRate: CurveData | null;
  /** Every other numeric field of metrics.jsonl; null when there is none. */
  otherMetrics: CurveData | null;
  /** Series "validation loss" at the steps a text run evaluated it, drawn with the training loss; null without. */
  validationLoss: CurveData | null;
  /** Series "meanDimensionStd", "healthyStd" and "effectiveRank"; null without evaluations. */
  collapse: (CurveData & { collapsed: boolean[] }) | null;
  /** Accuracies in [0, 1] of each encoder, as [linear, knn]; null without evaluation.json. */
  probes: { encoder: string; accuracies: [number, number] }[] | null;
  /** The embeddings on their first two principal components, grouped by class. */
  projection: { classes: { name: string; points: [number, number][] }[]; explainedVariance: [number, number] } | null;
}

/**
 * Turns a run into the data the report's charts draw: curves down-sampled to at most
 * 2,000 points, the loss smoothed (before down-sampling), the collapse monitors of the
 * evaluated steps, the probe accuracies, and the PCA projection of the embeddings.
 * Values keep 4 significant digits. Pure.
 *
 * @example
 * const data = buildReportData(await readRun('runs/simclr-mnist'));
 * data.loss.steps.length; // <= 2000
 */
export function buildReportData(run: RunFiles): ReportData {
  const { metrics, evaluation, projection } = run;
  const loss = metrics.map((record) => record.loss);
  const evaluated = metrics.filter((record) => record.evaluation !== null);
  // A text run's validation loss shares the training loss's axes; the rest go to "other metrics".
  const otherNames = [...new Set(metrics.flatMap((record) => Object.keys(record.values)))].filter((name) => name !== VALIDATION_LOSS);
  const validated = metrics.filter((record) => typeof record.values[VALIDATION_LOSS] === 'number');
  const results = evaluation?.results;
  return {
    loss: curve(metrics, [
      { name: 'loss', values: loss },
      { name: 'smoothed', values: smoothCurve(loss) },
    ]),
    learningRate: metrics.some((record) => record.learningRate !== null)
      ? curve(metrics, [{ name: 'learning rate', values: metrics.map((record) => record.learningRate) }])
      : null,
    otherMetrics:
      otherNames.length === 0
        ? null
        : curve(
            metrics,
            otherNames.map((name) => ({ name, values: metrics.map((record) => record.values[name] ?? null) })),
          ),
    validationLoss:
      validated.length === 0
        ? null
        : curve(validated, [{ name: 'validation loss', values: validated.map((record) => record.values[VALIDATION_LOSS]) }]),
    collapse: evaluated.length === 0 ? null : collapseCurves(evaluated),
    probes: results
      ? [
          { encoder: 'pretrained', accuracies: [results.pretrained.linear, results.pretrained.knn] },
          { encoder: 'random init', accuracies: [results.randomInit.linear, results.randomInit.knn] },
          ...(results.rawPixels
            ? [{ encoder: 'raw pixels', accuracies: [results.rawPixels.linear, results.rawPixels.knn] as [number, number] }]
            : []),
        ]
      : null,
    projection: projection ? projectionData(projection.embeddings, projection.labels, projection.classes) : null,
  };
}

function curve(records: readonly MetricsRecord[], series: { name: string; values: Value[] }[]): CurveData {
  const kept = downsampleIndices(records.length, REPORT_MAX_CURVE_POINTS);
  return {
    steps: kept.map((index) => records[index].step),
    series: series.map(({ name, values }) => ({ name, values: kept.map((index) => round(values[index])) })),
  };
}

function collapseCurves(evaluated: readonly MetricsRecord[]): CurveData & { collapsed: boolean[] } {
  const kept = downsampleIndices(evaluated.length, REPORT_MAX_CURVE_POINTS);
  const names = ['meanDimensionStd', 'healthyStd', 'effectiveRank'] as const;
  return {
    steps: kept.map((index) => evaluated[index].step),
    series: names.map((name) => ({ name, values: kept.map((index) => round(evaluated[index].evaluation![name])) })),
    collapsed: kept.map((index) => evaluated[index].evaluation!.collapsed),
  };
}

function projectionData(embeddings: number[][], labels: number[], classes: string[]): ReportData['projection'] {
  const kept = downsampleIndices(embeddings.length, REPORT_MAX_PROJECTION_POINTS);
  const { points, explainedVariance } = project2d(kept.map((index) => embeddings[index]));
  const groups = classes.map((name) => ({ name, points: [] as [number, number][] }));
  kept.forEach((index, position) => {
    const [x, y] = points[position];
    groups[labels[index]].points.push([round(x) ?? 0, round(y) ?? 0]);
  });
  return { classes: groups, explainedVariance: [round(explainedVariance[0]) ?? 0, round(explainedVariance[1]) ?? 0] };
}

function round(value: Value): Value {
  if (value === null || !Number.isFinite(value)) return null;
  return Number(value.toPrecision(SIGNIFICANT_DIGITS));
}
