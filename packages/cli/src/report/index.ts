// The HTML report of a run directory (`selfsup report DIR`): read and validate the run's
// files, project the embeddings to 2-D, render one self-contained page, write it.
export {
  RUN_FILES,
  type CollapseEvaluation,
  type MetricsRecord,
  type ProbeAccuracies,
  type ProbeEvaluation,
  type RunFiles,
  type RunProjection,
} from './run-files.js';
export { RunFileError } from './run-file-error.js';
export { readRun } from './read-run.js';
export { parseMetrics } from './parse-metrics.js';
export { parseConfig, parseEvaluation, parseProjection } from './parse-run-json.js';
export { type Projection2D, project2d } from './project-2d.js';
export { downsampleIndices } from './downsample.js';
export { smoothCurve, smoothingHalfWindowFor } from './smooth.js';
export { type CurveData, REPORT_MAX_CURVE_POINTS, REPORT_MAX_PROJECTION_POINTS, type ReportData, buildReportData } from './report-data.js';
export { REPORT_CHART_IDS, REPORT_DATA_ID } from './report-script.js';
export { renderReport, renderReportHtml } from './render-report.js';
export { loadChartBundle } from './chart-bundle.js';
export { writeReport } from './write-report.js';
