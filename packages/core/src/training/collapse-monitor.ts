import type * as tf from '../tf.js';
import { type CollapseReport, collapseReport } from '../evaluation/collapse-report.js';
import type { FeatureMatrix } from '../evaluation/feature-matrix.js';
import { countNonFinite } from './non-finite-values.js';
import type { Evaluation } from './train-options.js';

/** Defaults of `collapseMonitor`. */
export const COLLAPSE_MONITOR_DEFAULTS = Object.freeze({
  /** Steps between two runs of the monitors: cheap next to 100 training steps, often enough to catch a collapse early. */
  every: 100,
});

export interface CollapseMonitorOptions {
  /** Embeddings of a fixed probe set under the current weights: [N, D] with N >= 2. */
  embed: () => FeatureMatrix | tf.Tensor2D | Promise<FeatureMatrix | tf.Tensor2D>;
  /** Steps between two runs. Default 100. */
  every?: number;
  /** Receives the warning when a run collapses (once, until it recovers). Default console.warn. */
  warn?: (message: string) => void;
}

/**
 * A periodic evaluation for `train({ evaluate })` that logs the collapse monitors (mean
 * per-dimension std of the L2-normalised embeddings against 1/sqrt(D), effective rank)
 * to metrics.jsonl and warns clearly when the run collapses. Embeddings that hold NaN or
 * Infinity give NaN figures (and `nonFiniteEmbeddings`), which `train` reports as a
 * divergence at that step, not as a linear-algebra error.
 *
 * @example
 * await train({
 *   ...,
 *   evaluate: collapseMonitor({ embed: () => extractEmbeddings(encoder, probeImages), every: 100 }),
 * });
 */
export function collapseMonitor(options: CollapseMonitorOptions): Evaluation {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  let warned = false;
  return {
    every: options.every ?? COLLAPSE_MONITOR_DEFAULTS.every,
    async run(step: number): Promise<Record<string, number>> {
      const embeddings = await options.embed();
      let report: CollapseReport;
      try {
        // Weights that give NaN or Infinity: NaN figures, which the trainer reports as a divergence.
        const nonFinite = countNonFinite('values' in embeddings ? embeddings.values : embeddings.dataSync());
        if (nonFinite > 0) return { meanDimensionStd: Number.NaN, effectiveRank: Number.NaN, nonFiniteEmbeddings: nonFinite };
        report = collapseReport(embeddings);
      } finally {
        if (!('values' in embeddings)) embeddings.dispose();
      }
      if (report.collapsed && !warned) warn(`selfsup: step ${step}: ${report.warning}`);
      warned = report.collapsed;
      return {
        meanDimensionStd: report.meanDimensionStd,
        healthyStd: report.healthyStd,
        effectiveRank: report.effectiveRank,
        collapsed: report.collapsed ? 1 : 0,
      };
    },
  };
}
