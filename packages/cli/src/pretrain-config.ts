import { availableParallelism } from 'node:os';
import { BACKBONE_NAMES, RECIPE_NAMES, recipeFor } from '@selfsup/vision';
import { BUILT_IN_DATASETS } from './datasets.js';
import { TEXT_RECIPE_NAMES, textRecipeFor } from '@selfsup/text';
import { BUILT_IN_TEXT_DATASETS } from './text/text-datasets.js';
import { WORD_VECTOR_METHODS } from './text/run-word-vectors.js';
import { parseNumber } from './parse-number.js';
import { UsageError, choices } from './usage-error.js';

/** Everything a `selfsup pretrain` run is made of; stored as DIR/config.json. */
export interface PretrainConfig {
  method: string;
  /** 'mnist', 'emoji' or a folder of images. */
  dataset: string;
  backbone: string;
  /** Optimizer steps; `epochs` instead sets them from the dataset's size. */
  steps?: number;
  epochs?: number;
  /** Images per step; default the method's recipe (256; 64 for colorization). */
  batchSize: number;
  /** Peak learning rate of AdamW (after a linear warm-up over the first 5% of the steps, then cosine decay); default the recipe's. */
  learningRate: number;
  /** AdamW weight decay; default the recipe's. */
  weightDecay: number;
  seed: number;
  /** Worker threads that share each step (data-parallel, one wasm backend each); 1 trains on the main thread. */
  workers: number;
  /** The run directory: config.json, metrics.jsonl, checkpoints/, evaluation.json, report.html. */
  out: string;
  /** Side images of a folder are resized to (built-in datasets have their own). */
  imageSize: number;
  /** Channels of a folder's images: 1 (luma) or 3 (RGB). */
  channels: 1 | 3;
  /** Training images the probes are fitted on (the whole test split is scored). */
  probeTrain: number;
  checkpointEvery: number;
  /** Steps between collapse-monitor evaluations (metrics.jsonl, report). */
  monitorEvery: number;
}

/** The options whose defaults come from the method's recipe (`RECIPES` in @selfsup/vision). */
const RECIPE_KEYS = ['batchSize', 'learningRate', 'weightDecay'] as const;

/**
 * The defaults: the main job, SimCLR on MNIST with the small ConvNet, 450 steps of 256
 * images (about 2 epochs) on every core, then probes fitted on 10,000 images. Batch size,
 * learning rate and weight decay come from the method's recipe.
 */
export const PRETRAIN_DEFAULTS: Readonly<Omit<PretrainConfig, 'steps' | 'epochs' | 'out' | (typeof RECIPE_KEYS)[number]>> & { steps: number } =
  Object.freeze({
    method: 'simclr',
    dataset: 'mnist',
    backbone: 'convnet',
    steps: 450,
    seed: 0,
    workers: availableParallelism(),
    imageSize: 32,
    channels: 3,
    probeTrain: 10_000,
    checkpointEvery: 100,
    monitorEvery: 50,
  });

/** The keys a config file may hold (the long options, in camelCase). */
export const CONFIG_KEYS: readonly (keyof PretrainConfig)[] = [
  'method',
  'dataset',
  'backbone',
  'steps',
  'epochs',
  'batchSize',
  'learningRate',
  'weightDecay',
  'seed',
  'workers',
  'out',
  'imageSize',
  'channels',
  'probeTrain',
  'checkpointEvery',
  'monitorEvery',
];

/**
 * Limits of a run's settings: a value outside them is a usage error, not hours of work or
 * an out-of-bounds crash later.
 */
export const PRETRAIN_LIMITS = Object.freeze({
  /** Most optimizer steps of a run (whether given as steps or as epochs): 1e7, weeks of training at the fastest step selfsup makes. */
  maxSteps: 10_000_000,
  /** Smallest side a folder's images are resized to: 8 pixels (at 1 pixel the kernels read out of bounds; nothing smaller than 8 is worth pretraining on). */
  minImageSize: 8,
  /** Largest side: 1024 pixels; a batch of larger images overflows the 4 GiB wasm heap. */
  maxImageSize: 1024,
});

const INTEGER_KEYS = new Set(['steps', 'epochs', 'batchSize', 'seed', 'workers', 'imageSize', 'probeTrain', 'checkpointEvery', 'monitorEvery']);
/** Ranges beyond the default minimum of 1 (seed: 0). */
const INTEGER_RANGES: Record<string, { minimum?: number; maximum?: number }> = {
  seed: { minimum: 0 },
  steps: { maximum: PRETRAIN_LIMITS.maxSteps },
  epochs: { maximum: PRETRAIN_LIMITS.maxSteps },
  imageSize: { minimum: PRETRAIN_LIMITS.minImageSize, maximum: PRETRAIN_LIMITS.maxImageSize },
};
const optionName = (key: string) => (key === 'learningRate' ? '--lr' : `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);

/**
 * Resolves a run's configuration: defaults, then the config file's values, then the
 * command line's (each layer holds only what was given). Unknown keys, values of the wrong
 * type (`true`, `null`, `[16]`), bad or out-of-range numbers (see `PRETRAIN_LIMITS`) and
 * unknown methods or backbones are usage errors naming the layer's source (the file) or
 * the option, and what was expected.
 *
 * @example
 * resolvePretrainConfig([{ source: 'simclr.json', values: { method: 'byol' } }, { source: 'command line', values: { steps: '200' } }]);
 * // { method: 'byol', steps: 200, ... }
 */
export function resolvePretrainConfig(layers: { source: string; values: Record<string, unknown> }[]): PretrainConfig {
  const merged: Record<string, unknown> = { ...PRETRAIN_DEFAULTS };
  for (const { source, values } of layers) {
    if (values.steps !== undefined && values.epochs !== undefined) throw new UsageError(`${source}: give steps or epochs, not both`);
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue;
      if (!(CONFIG_KEYS as readonly string[]).includes(key))
        throw new UsageError(`${source}: unknown key '${key}'; valid keys: ${CONFIG_KEYS.join(', ')}`);
      // The later layer's length wins, whether given in steps or epochs.
      if (key === 'epochs') delete merged.steps;
      if (key === 'steps') delete merged.epochs;
      merged[key] = parseValue(key, value, source === 'command line' ? optionName(key) : `${source}: '${key}'`);
    }
  }
  const wordVectors = (WORD_VECTOR_METHODS as readonly string[]).includes(merged.method as string);
  const isText = wordVectors || (TEXT_RECIPE_NAMES as readonly string[]).includes(merged.method as string);
  if (!isText && !RECIPE_NAMES.includes(merged.method as never)) {
    throw new UsageError(`unknown method '${merged.method}'; ${choices([...RECIPE_NAMES, ...TEXT_RECIPE_NAMES, ...WORD_VECTOR_METHODS])}`);
  }
  // Word2Vec and GloVe have their own defaults (no batches, no AdamW): a word-vector run does not read these keys.
  if (!wordVectors) {
    const recipe = isText ? textRecipeFor(merged.method as string) : recipeFor(merged.method as string);
    for (const key of RECIPE_KEYS) merged[key] ??= recipe[key];
  }
  // A text method's corpus: the default image dataset would be a mistake, so its default is Moby Dick.
  if (isText && !layers.some(({ values }) => values.dataset !== undefined)) merged.dataset = 'moby-dick';
  if (!BACKBONE_NAMES.includes(merged.backbone as never)) throw new UsageError(`unknown backbone '${merged.backbone}'; ${choices(BACKBONE_NAMES)}`);
  const builtIn = [...BUILT_IN_DATASETS, ...BUILT_IN_TEXT_DATASETS] as readonly string[];
  merged.out ??= `runs/${merged.method}-${builtIn.includes(merged.dataset as string) ? merged.dataset : 'folder'}`;
  return merged as unknown as PretrainConfig;
}

/** One value of a layer, checked and parsed; `name` is how errors call it (the option, or the file and key). */
function parseValue(key: string, value: unknown, name: string): unknown {
  if (INTEGER_KEYS.has(key)) return parseNumber(name, value, { integer: true, minimum: 1, ...INTEGER_RANGES[key] });
  if (key === 'learningRate') return parseNumber(name, value, { exclusiveMinimum: 0 });
  if (key === 'weightDecay') return parseNumber(name, value, { minimum: 0 });
  if (key === 'channels') {
    const channels = parseNumber(name, value, { integer: true });
    if (channels !== 1 && channels !== 3) throw new UsageError(`${name} must be 1 or 3, got ${channels}`);
    return channels;
  }
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${name} must be a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}
