import { RunFileError } from './run-file-error.js';

/** Where a JSON value came from: a file, and for JSON Lines the 1-based line. */
export interface JsonLocation {
  file: string;
  line?: number;
}

/**
 * A RunFileError whose message starts with the location (`file:line: message`).
 *
 * @example
 * throw invalidJson({ file: 'metrics.jsonl', line: 3 }, "'step' must be a number, got \"3\"");
 */
export function invalidJson(location: JsonLocation, message: string): RunFileError {
  const where = location.line === undefined ? location.file : `${location.file}:${location.line}`;
  return new RunFileError(`${where}: ${message}`, location.file, location.line ?? null);
}

/**
 * Parses JSON text, naming the location when it is not valid JSON.
 *
 * @example
 * parseJson('{"step": 1}', { file: 'metrics.jsonl', line: 1 }); // { step: 1 }
 */
export function parseJson(text: string, location: JsonLocation): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidJson(location, `not valid JSON (${(error as Error).message}): ${preview(text)}`);
  }
}

/**
 * Whether a JSON value is an object (not null, not an array).
 *
 * @example
 * isRecord({ a: 1 }); // true
 * isRecord([1]); // false
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A short text for a value in an error message: its JSON, cut to 60 characters.
 *
 * @example
 * describeValue('3'); // '"3"'
 * describeValue(undefined); // 'nothing'
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  return preview(JSON.stringify(value) ?? String(value));
}

function preview(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Which numbers a field accepts. */
export interface NumberFieldOptions {
  /** Accept null (how JSON.stringify writes NaN and Infinity). Default false. */
  nullable?: boolean;
  /** Accept a missing field, read as null. Default false. */
  optional?: boolean;
  minimum?: number;
  maximum?: number;
}

/**
 * Reads a numeric field of a JSON object, naming the field and the location when it is
 * missing, not a finite number, or out of range.
 *
 * @param record The object holding the field.
 * @param key The field name.
 * @param location The file (and line) for the error message.
 * @param path The field's path in the file, for the message. Default: `key`.
 * @returns The number, or null when null or missing values are accepted.
 *
 * @example
 * readNumber({ loss: 0.5 }, 'loss', { file: 'metrics.jsonl', line: 1 }); // 0.5
 * readNumber({ loss: null }, 'loss', location, 'loss', { nullable: true }); // null
 */
export function readNumber(
  record: Record<string, unknown>,
  key: string,
  location: JsonLocation,
  path = key,
  options: NumberFieldOptions = {},
): number | null {
  const value = record[key];
  if (value === undefined && options.optional) return null;
  if (value === null && (options.nullable || options.optional)) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidJson(location, `'${path}' must be a number, got ${describeValue(value)}`);
  }
  const { minimum, maximum } = options;
  if ((minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum)) {
    throw invalidJson(location, `'${path}' must be in [${minimum ?? '-inf'}, ${maximum ?? 'inf'}], got ${value}`);
  }
  return value;
}

/**
 * Reads a field that must be a JSON object.
 *
 * @example
 * readRecord({ results: {} }, 'results', { file: 'evaluation.json' }); // {}
 */
export function readRecord(record: Record<string, unknown>, key: string, location: JsonLocation, path = key): Record<string, unknown> {
  const value = record[key];
  if (!isRecord(value)) throw invalidJson(location, `'${path}' must be a JSON object, got ${describeValue(value)}`);
  return value;
}

/**
 * Reads an optional string field: a string, or null when missing or null.
 *
 * @example
 * readOptionalString({ method: 'simclr' }, 'method', { file: 'evaluation.json' }); // 'simclr'
 */
export function readOptionalString(record: Record<string, unknown>, key: string, location: JsonLocation): string | null {
  const value = record[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalidJson(location, `'${key}' must be a string, got ${describeValue(value)}`);
  return value;
}
