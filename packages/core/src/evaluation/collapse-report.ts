import { effectiveRank } from './effective-rank.js';
import { type Features, readFeatures } from './feature-matrix.js';
import { meanDimensionStd } from './mean-dimension-std.js';

/** The thresholds of `collapseReport`. */
export const COLLAPSE_THRESHOLDS = Object.freeze({
  /**
   * Collapsed when meanDimensionStd < stdFraction / sqrt(D), a tenth of the healthy
   * value. A trained encoder's embeddings are not isotropic, so healthy runs sit below
   * 1/sqrt(D) (SimSiam reports values close to it); a tenth of it means every embedding
   * lies in a small cap of the sphere: the outputs barely depend on the input.
   */
  stdFraction: 0.1,
  /**
   * Collapsed when the effective rank is below this: the embeddings vary along
   * essentially one direction (dimensional collapse to a line). The std criterion misses
   * this case when rows point both ways along that line.
   */
  effectiveRank: 1.5,
});

export interface CollapseReport {
  /** Mean over dimensions of the std of the L2-normalised embeddings (see meanDimensionStd). */
  meanDimensionStd: number;
  /** 1 / sqrt(D): meanDimensionStd of embeddings spread evenly on the sphere. */
  healthyStd: number;
  /** Effective rank of the centred embeddings (see effectiveRank), in [0, D]. */
  effectiveRank: number;
  /** D, the embedding size. */
  dimension: number;
  /** N, the number of embeddings. */
  count: number;
  /** True when meanDimensionStd < 0.1 / sqrt(D) or (D >= 2 and) effectiveRank < 1.5. */
  collapsed: boolean;
  /** Present when collapsed: a sentence saying that the run has collapsed and why. */
  warning?: string;
}

/**
 * Checks embeddings for representation collapse with two monitors and documented
 * thresholds.
 *
 * - Complete collapse (every input maps to nearly the same point):
 *   meanDimensionStd < 0.1 / sqrt(D) (`COLLAPSE_THRESHOLDS.stdFraction`).
 * - Collapse to a line (one direction carries nearly all variance):
 *   effectiveRank < 1.5 (`COLLAPSE_THRESHOLDS.effectiveRank`); skipped when D = 1.
 *
 * Partial dimensional collapse (an effective rank well below D) is reported in the
 * numbers but not flagged: how many dimensions a good encoder uses depends on the data.
 *
 * Reference: lightly's std-of-L2-normalised-output monitor (SimSiam, Chen & He 2021);
 * effective rank (Roy & Vetterli 2007) as in RankMe (Garrido et al. 2023).
 *
 * @param embeddings [N, D] with N >= 2: a FeatureMatrix or a float32 tf.Tensor2D (read, not disposed).
 *
 * @example
 * const report = collapseReport(await extractEmbeddings(encoder, validationImages));
 * if (report.collapsed) console.warn(report.warning);
 */
export function collapseReport(embeddings: Features): CollapseReport {
  const matrix = readFeatures('collapseReport', 'embeddings', embeddings);
  const { count, dimension } = matrix;
  if (count < 2) throw new Error(`collapseReport: embeddings need at least 2 rows to have a spread, got ${count}`);
  const std = meanDimensionStd(matrix);
  const rank = effectiveRank(matrix);
  const healthyStd = 1 / Math.sqrt(dimension);
  const stdLimit = COLLAPSE_THRESHOLDS.stdFraction * healthyStd;
  const stdCollapsed = std < stdLimit;
  const rankCollapsed = dimension >= 2 && rank < COLLAPSE_THRESHOLDS.effectiveRank;
  const report: CollapseReport = {
    meanDimensionStd: std,
    healthyStd,
    effectiveRank: rank,
    dimension,
    count,
    collapsed: stdCollapsed || rankCollapsed,
  };
  if (report.collapsed) {
    const reasons: string[] = [];
    if (stdCollapsed) {
      reasons.push(
        `the mean per-dimension std of the L2-normalised embeddings is ${format(std)}, below ${format(stdLimit)} ` +
          `(healthy ≈ 1/sqrt(${dimension}) = ${format(healthyStd)}): all embeddings are nearly the same point`,
      );
    }
    if (rankCollapsed) {
      reasons.push(
        `the effective rank is ${format(rank)} of ${dimension} dimensions, below ${COLLAPSE_THRESHOLDS.effectiveRank}: ` +
          'the embeddings vary along a single direction',
      );
    }
    report.warning = `Representation collapse: the run has collapsed; ${reasons.join('; and ')}. The encoder no longer distinguishes its inputs.`;
  }
  return report;
}

function format(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) < 1e-3 ? value.toExponential(2) : value.toPrecision(3);
}
