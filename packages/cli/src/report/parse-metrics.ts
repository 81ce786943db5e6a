import { splitTornLine } from '@selfsup/core';
import { describeValue, invalidJson, isRecord, type JsonLocation, parseJson, readNumber, readRecord } from './json-fields.js';
import type { CollapseEvaluation, MetricsRecord } from './run-files.js';

/** The fields of a metrics line that are not plotted as "other metrics". */
const KNOWN_FIELDS = new Set(['step', 'epoch', 'loss', 'learningRate', 'evaluation']);
/** The collapse monitor's fields of `evaluation`. */
const COLLAPSE_FIELDS = new Set(['meanDimensionStd', 'healthyStd', 'effectiveRank', 'collapsed']);

/**
 * Parses metrics.jsonl: one JSON object per line with `step` and `loss` (null for a
 * non-finite loss), optional `epoch` and `learningRate`, an optional `evaluation` (the
 * collapse monitors, when it holds their fields; its other numbers, such as a text run's
 * `validationLoss`, are plotted with the other metrics), and any other numeric fields. Blank lines are skipped. A torn last
 * line (no newline after it and not valid JSON: a crash in the middle of writing it) is
 * dropped with one `warn` line (default console.warn).
 *
 * @param text The file's content.
 * @param file The file's path, named in errors with the 1-based line number.
 * @returns One record per non-blank line, in file order.
 * @throws RunFileError `file:line: ...` for a line that is not valid JSON, not an object,
 *   or has a field of the wrong type; `file: ...` when there is no line at all.
 *
 * @example
 * parseMetrics('{"step":1,"epoch":0,"loss":4.1,"learningRate":0.001}\n', 'run/metrics.jsonl');
 * // [{ step: 1, epoch: 0, loss: 4.1, learningRate: 0.001, values: {}, evaluation: null }]
 */
export function parseMetrics(text: string, file: string, options: { warn?: (line: string) => void } = {}): MetricsRecord[] {
  const records: MetricsRecord[] = [];
  const { complete, torn } = splitTornLine(text);
  if (torn !== null) {
    const warn = options.warn ?? ((line: string) => console.warn(line));
    warn(`selfsup: ${file}: leaving out its torn last line (a crash in the middle of writing it): ${describeValue(torn)}`);
  }
  const lines = complete.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    if (line !== '') records.push(parseMetricsLine(line, { file, line: index + 1 }));
  }
  if (records.length === 0) throw invalidJson({ file }, 'no training step recorded (the file is empty)');
  return records;
}

function parseMetricsLine(text: string, location: JsonLocation): MetricsRecord {
  const value = parseJson(text, location);
  if (!isRecord(value)) throw invalidJson(location, `expected a JSON object, got ${describeValue(value)}`);
  const values: Record<string, number | null> = {};
  for (const [key, field] of Object.entries(value)) {
    if (!KNOWN_FIELDS.has(key) && (typeof field === 'number' || field === null)) values[key] = field;
  }
  const evaluation = isRecord(value.evaluation) ? value.evaluation : null;
  for (const [key, field] of Object.entries(evaluation ?? {})) {
    if (!COLLAPSE_FIELDS.has(key) && (typeof field === 'number' || field === null)) values[key] = field;
  }
  return {
    step: readNumber(value, 'step', location) as number,
    epoch: readNumber(value, 'epoch', location, 'epoch', { optional: true }),
    loss: readNumber(value, 'loss', location, 'loss', { nullable: true }),
    learningRate: readNumber(value, 'learningRate', location, 'learningRate', { optional: true }),
    values,
    evaluation:
      evaluation === null || !Object.keys(evaluation).some((key) => COLLAPSE_FIELDS.has(key))
        ? nullOrInvalid(value, location)
        : parseCollapse(value, location),
  };
}

/** No collapse record: null, or an error when `evaluation` is there but not an object. */
function nullOrInvalid(line: Record<string, unknown>, location: JsonLocation): null {
  if (line.evaluation !== undefined && line.evaluation !== null) readRecord(line, 'evaluation', location);
  return null;
}

function parseCollapse(line: Record<string, unknown>, location: JsonLocation): CollapseEvaluation {
  const evaluation = readRecord(line, 'evaluation', location);
  const number = (key: string) => readNumber(evaluation, key, location, `evaluation.${key}`, { nullable: true }) ?? Number.NaN;
  // The trainer's collapse monitor logs the flag as 1 or 0 (metrics hold numbers); true/false are accepted too.
  const flag = evaluation.collapsed;
  if (typeof flag !== 'boolean' && flag !== 0 && flag !== 1) {
    throw invalidJson(location, `'evaluation.collapsed' must be 1, 0, true or false, got ${describeValue(flag)}`);
  }
  const collapsed = flag === true || flag === 1;
  return { meanDimensionStd: number('meanDimensionStd'), healthyStd: number('healthyStd'), effectiveRank: number('effectiveRank'), collapsed };
}
