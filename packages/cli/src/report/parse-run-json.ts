import { describeValue, invalidJson, isRecord, type JsonLocation, parseJson, readNumber, readOptionalString, readRecord } from './json-fields.js';
import { splitTornLine } from '@selfsup/core';
import type { ProbeAccuracies, ProbeEvaluation, RunProjection, TextSample, TextValidation, WordNeighbours } from './run-files.js';

/**
 * Parses config.json: any JSON object (its keys are shown as they are).
 *
 * @example
 * parseConfig('{"method":"simclr","steps":500}', 'run/config.json'); // { method: 'simclr', steps: 500 }
 */
export function parseConfig(text: string, file: string): Record<string, unknown> {
  const value = parseJson(text, { file });
  if (!isRecord(value)) throw invalidJson({ file }, `expected a JSON object, got ${describeValue(value)}`);
  return value;
}

/**
 * Parses evaluation.json: the linear and kNN probe accuracies (in [0, 1]) of the
 * pretrained encoder, of a random-init encoder, and optionally of the raw pixels.
 *
 * @example
 * parseEvaluation(text, 'run/evaluation.json').results.pretrained.linear; // 0.91
 */
export function parseEvaluation(text: string, file: string): ProbeEvaluation {
  const location = { file };
  const value = parseJson(text, location);
  if (!isRecord(value)) throw invalidJson(location, `expected a JSON object, got ${describeValue(value)}`);
  const results = readRecord(value, 'results', location);
  const rawPixels = results.rawPixels === undefined || results.rawPixels === null ? null : readProbes(results, 'rawPixels', location);
  return {
    method: readOptionalString(value, 'method', location),
    dataset: readOptionalString(value, 'dataset', location),
    probeTrainCount: readNumber(value, 'probeTrainCount', location, 'probeTrainCount', { optional: true, minimum: 0 }),
    testCount: readNumber(value, 'testCount', location, 'testCount', { optional: true, minimum: 0 }),
    results: { pretrained: readProbes(results, 'pretrained', location), randomInit: readProbes(results, 'randomInit', location), rawPixels },
  };
}

function readProbes(results: Record<string, unknown>, key: string, location: JsonLocation): ProbeAccuracies {
  const path = `results.${key}`;
  const probes = readRecord(results, key, location, path);
  const accuracy = (probe: string) => readNumber(probes, probe, location, `${path}.${probe}`, { minimum: 0, maximum: 1 }) as number;
  return { linear: accuracy('linear'), knn: accuracy('knn') };
}

/**
 * Parses projection.json: `embeddings` [N, D] of finite numbers, `labels` [N] of
 * integers indexing `classes` [K] of strings.
 *
 * @example
 * parseProjection('{"labels":[0],"classes":["zero"],"embeddings":[[0.1,0.2]]}', 'run/projection.json');
 */
export function parseProjection(text: string, file: string): RunProjection {
  const location = { file };
  const value = parseJson(text, location);
  if (!isRecord(value)) throw invalidJson(location, `expected a JSON object, got ${describeValue(value)}`);
  const { labels, classes, embeddings } = value;
  if (!Array.isArray(classes) || classes.some((name) => typeof name !== 'string')) {
    throw invalidJson(location, `'classes' must be an array of strings, got ${describeValue(classes)}`);
  }
  if (!Array.isArray(embeddings) || embeddings.length === 0) {
    throw invalidJson(location, `'embeddings' must be a non-empty array of arrays, got ${describeValue(embeddings)}`);
  }
  if (!Array.isArray(labels) || labels.length !== embeddings.length) {
    throw invalidJson(location, `'labels' must be an array of ${embeddings.length} labels (one per embedding), got ${describeValue(labels)}`);
  }
  labels.forEach((label, index) => {
    if (!Number.isInteger(label) || label < 0 || label >= classes.length) {
      throw invalidJson(location, `'labels[${index}]' must be an integer in [0, ${classes.length - 1}], got ${describeValue(label)}`);
    }
  });
  const dimension = Array.isArray(embeddings[0]) ? embeddings[0].length : 0;
  embeddings.forEach((row, index) => {
    if (!Array.isArray(row) || row.length !== dimension || dimension === 0 || !row.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw invalidJson(
        location,
        `'embeddings[${index}]' must be an array of ${dimension || 'at least 1'} finite numbers, got ${describeValue(row)}`,
      );
    }
  });
  return { labels, classes, embeddings };
}

/**
 * Parses validation.json: a text run's final `loss` (>= 0), `perplexity`, `sequences` and `step`.
 *
 * @example
 * parseValidation('{"loss":1.52,"perplexity":4.57,"sequences":2048,"step":1500}', 'run/validation.json').loss; // 1.52
 */
export function parseValidation(text: string, file: string): TextValidation {
  const location = { file };
  const value = parseJson(text, location);
  if (!isRecord(value)) throw invalidJson(location, `expected a JSON object, got ${describeValue(value)}`);
  return {
    loss: readNumber(value, 'loss', location, 'loss', { minimum: 0 }) as number,
    perplexity: readNumber(value, 'perplexity', location, 'perplexity', { minimum: 0 }) as number,
    sequences: readNumber(value, 'sequences', location, 'sequences', { minimum: 0 }) as number,
    step: readNumber(value, 'step', location, 'step', { optional: true }),
  };
}

/**
 * Parses samples.jsonl: one `{ step, prompt, text }` per line; a torn last line (a crash
 * mid-write) is left out.
 *
 * @example
 * parseSamples('{"step":50,"prompt":"Call me","text":" Ishmael"}\n', 'run/samples.jsonl')[0].text; // ' Ishmael'
 */
export function parseSamples(text: string, file: string): TextSample[] {
  const { complete } = splitTornLine(text);
  return complete.split('\n').flatMap((line, index) => {
    if (line.trim() === '') return [];
    const location = { file, line: index + 1 };
    const value = parseJson(line, location);
    if (!isRecord(value)) throw invalidJson(location, `expected a JSON object, got ${describeValue(value)}`);
    const string = (key: string) => {
      if (typeof value[key] !== 'string') throw invalidJson(location, `'${key}' must be a string, got ${describeValue(value[key])}`);
      return value[key] as string;
    };
    return [{ step: readNumber(value, 'step', location) as number, prompt: string('prompt'), text: string('text') }];
  });
}

/**
 * Parses neighbours.json: an array of `{ word, neighbours: [{ word, similarity }] }`.
 *
 * @example
 * parseNeighbours('[{"word":"whale","neighbours":[{"word":"sperm","similarity":0.8}]}]', 'run/neighbours.json')[0].word; // 'whale'
 */
export function parseNeighbours(text: string, file: string): WordNeighbours[] {
  const location = { file };
  const value = parseJson(text, location);
  if (!Array.isArray(value)) throw invalidJson(location, `expected a JSON array, got ${describeValue(value)}`);
  const word = (entry: unknown, path: string): string => {
    if (!isRecord(entry) || typeof entry.word !== 'string')
      throw invalidJson(location, `'${path}.word' must be a string, got ${describeValue(isRecord(entry) ? entry.word : entry)}`);
    return entry.word;
  };
  return value.map((entry, i) => {
    const list = isRecord(entry) ? entry.neighbours : undefined;
    if (!Array.isArray(list)) throw invalidJson(location, `'[${i}].neighbours' must be an array, got ${describeValue(list)}`);
    return {
      word: word(entry, `[${i}]`),
      neighbours: list.map((neighbour, j) => ({
        word: word(neighbour, `[${i}].neighbours[${j}]`),
        similarity: readNumber(neighbour as Record<string, unknown>, 'similarity', location, `[${i}].neighbours[${j}].similarity`) as number,
      })),
    };
  });
}
