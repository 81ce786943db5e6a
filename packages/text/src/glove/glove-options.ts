import { assertFiniteNumber, assertFunction, assertInteger, assertPositiveNumber } from '@selfsup/core';
import type { GloveStepOptions } from './glove-adagrad-step.js';
import { GLOVE_DEFAULTS } from './glove-defaults.js';
import type { GloveWeighting } from './glove-objective.js';
import type { GloveParameters } from './glove-parameters.js';

/** What `onEpoch` is told after each epoch. */
export interface GloveProgress {
  /** The epoch just finished, from 1. */
  epoch: number;
  epochs: number;
  /** What glove.c prints as `cost`: the epoch's running sum of 0.5 f diff^2 over the nonzero entries, divided by their number. */
  cost: number;
  /** Nonzero entries trained per second in this epoch (its shuffle included). */
  entriesPerSecond: number;
  /** The epoch's wall-clock seconds, its shuffle included. */
  seconds: number;
}

/** Options of `fitGlove` (and of `trainGlove`, `trainGloveParallel`). */
export interface FitGloveOptions extends GloveWeighting {
  /** Vector dimension. Default 50. */
  vectorSize?: number;
  /** AdaGrad's initial learning rate. Default 0.05. */
  learningRate?: number;
  /** Passes over the nonzero entries. Default 25. */
  epochs?: number;
  /** Gradient components are clipped to +-gradientClip. Default 100. */
  gradientClip?: number;
  /** Seed of the initial parameters and the epochs' orders. Default 0. */
  seed?: number;
  /** Start from these parameters (e.g. to continue training) instead of random ones. */
  parameters?: GloveParameters;
  /** The index of the first epoch (its order is seeded by it). Default 0; set it when continuing. */
  firstEpoch?: number;
  /** Called after each epoch (the command line prints it). */
  onEpoch?: (progress: GloveProgress) => void;
}

/** `FitGloveOptions` checked, with the defaults filled in. */
export interface ResolvedGloveOptions extends GloveStepOptions {
  epochs: number;
  seed: number;
  firstEpoch: number;
  onEpoch?: (progress: GloveProgress) => void;
}

/**
 * Checks `options` for `caller` and fills in `GLOVE_DEFAULTS`; each error names the caller
 * and the option.
 *
 * @example
 * resolveGloveOptions('fitGlove', { epochs: 5 }).xMax; // 100
 */
export function resolveGloveOptions(caller: string, options: FitGloveOptions): ResolvedGloveOptions {
  if (options === null || typeof options !== 'object')
    throw new Error(`${caller}: options must be an object, got ${options === null ? 'null' : typeof options}`);
  const {
    vectorSize = options.parameters?.vectorSize ?? GLOVE_DEFAULTS.vectorSize,
    xMax = GLOVE_DEFAULTS.xMax,
    alpha = GLOVE_DEFAULTS.alpha,
    learningRate = GLOVE_DEFAULTS.learningRate,
    epochs = GLOVE_DEFAULTS.epochs,
    gradientClip = GLOVE_DEFAULTS.gradientClip,
    seed = GLOVE_DEFAULTS.seed,
    firstEpoch = 0,
    onEpoch,
  } = options;
  assertInteger(caller, 'options.vectorSize', vectorSize, 1);
  assertPositiveNumber(caller, 'options.xMax', xMax);
  assertPositiveNumber(caller, 'options.alpha', alpha);
  assertPositiveNumber(caller, 'options.learningRate', learningRate);
  assertInteger(caller, 'options.epochs', epochs, 0);
  assertPositiveNumber(caller, 'options.gradientClip', gradientClip);
  assertFiniteNumber(caller, 'options.seed', seed);
  assertInteger(caller, 'options.firstEpoch', firstEpoch, 0);
  if (onEpoch !== undefined) assertFunction(caller, 'options.onEpoch', onEpoch, '(progress: GloveProgress) => void');
  return { vectorSize, xMax, alpha, learningRate, epochs, gradientClip, seed, firstEpoch, onEpoch };
}
