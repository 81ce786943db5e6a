import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseMetrics } from './parse-metrics.js';
import { parseConfig, parseEvaluation, parseNeighbours, parseProjection, parseSamples, parseValidation } from './parse-run-json.js';
import { RunFileError } from './run-file-error.js';
import { RUN_FILES, type RunFiles } from './run-files.js';

/** The first bytes of every PNG file. */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Reads and validates the files of a run directory: config.json and metrics.jsonl are
 * required; evaluation.json, projection.json, augmented-views.png and a text run's
 * validation.json are read as null (samples.jsonl as no samples) when missing (a run interrupted before evaluation has none of them). A torn last line
 * of metrics.jsonl is left out with a `warn` line (see `parseMetrics`).
 *
 * @param runDirectory The folder `selfsup pretrain` wrote.
 * @returns The validated content of every file.
 * @throws RunFileError naming the directory or the file (and the line of metrics.jsonl)
 *   when the directory or a required file is missing, or a file is malformed.
 *
 * @example
 * const run = await readRun('runs/simclr-mnist');
 * run.metrics.length; // 500
 * run.evaluation?.results.pretrained.linear; // 0.93
 */
export async function readRun(runDirectory: string, options: { warn?: (line: string) => void } = {}): Promise<RunFiles> {
  const directory = resolve(runDirectory);
  await assertDirectory(directory);
  const path = (name: string) => join(directory, name);
  const [configText, metricsText, evaluationText, projectionText, augmentedViews, validationText, samplesText, neighboursText] = await Promise.all([
    readRequired(path(RUN_FILES.config), directory),
    readRequired(path(RUN_FILES.metrics), directory),
    readOptional(path(RUN_FILES.evaluation)),
    readOptional(path(RUN_FILES.projection)),
    readOptional(path(RUN_FILES.augmentedViews)),
    readOptional(path(RUN_FILES.validation)),
    readOptional(path(RUN_FILES.samples)),
    readOptional(path(RUN_FILES.neighbours)),
  ]);
  if (augmentedViews !== null && !PNG_SIGNATURE.every((byte, index) => augmentedViews[index] === byte)) {
    throw new RunFileError(`${path(RUN_FILES.augmentedViews)}: not a PNG image`, path(RUN_FILES.augmentedViews));
  }
  return {
    directory,
    config: parseConfig(configText.toString('utf8'), path(RUN_FILES.config)),
    metrics: parseMetrics(metricsText.toString('utf8'), path(RUN_FILES.metrics), options),
    evaluation: evaluationText === null ? null : parseEvaluation(evaluationText.toString('utf8'), path(RUN_FILES.evaluation)),
    projection: projectionText === null ? null : parseProjection(projectionText.toString('utf8'), path(RUN_FILES.projection)),
    augmentedViews: augmentedViews === null ? null : new Uint8Array(augmentedViews),
    validation: validationText === null ? null : parseValidation(validationText.toString('utf8'), path(RUN_FILES.validation)),
    samples: samplesText === null ? [] : parseSamples(samplesText.toString('utf8'), path(RUN_FILES.samples)),
    neighbours: neighboursText === null ? null : parseNeighbours(neighboursText.toString('utf8'), path(RUN_FILES.neighbours)),
  };
}

async function assertDirectory(directory: string): Promise<void> {
  const info = await stat(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new RunFileError(`run directory not found: ${directory}`, directory);
    throw error;
  });
  if (!info.isDirectory()) throw new RunFileError(`not a run directory (a file, not a folder): ${directory}`, directory);
}

async function readRequired(file: string, directory: string): Promise<Buffer> {
  const content = await readOptional(file);
  if (content === null) throw new RunFileError(`${file}: missing; is ${directory} a selfsup run directory?`, file);
  return content;
}

async function readOptional(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
