/**
 * Checks of number arguments. Each throws an Error that starts with the function name,
 * names the argument and says what was expected and what was given, e.g.
 * `warmupCosineSchedule: totalSteps must be a finite number >= 1, got 0`. The expected
 * part reads `a finite number` (no bound), `a finite number >= 0` / `> 0` / `<= 1` /
 * `< 1` (one bound) or `a number in [0, 1)` (two bounds: finiteness is implied).
 */

/** Bounds of a number argument; a bound is included unless marked exclusive. */
export interface NumberRange {
  /** Lower bound. Default: none. */
  min?: number;
  /** Upper bound. Default: none. */
  max?: number;
  /** `min` itself is rejected. Default false. */
  minExclusive?: boolean;
  /** `max` itself is rejected. Default false. */
  maxExclusive?: boolean;
}

/** The expected part of a number error: `a finite number >= 0`, `a number in [0, 1)`. */
function describeRange({ min, max, minExclusive = false, maxExclusive = false }: NumberRange): string {
  const hasMin = min !== undefined && min > Number.NEGATIVE_INFINITY;
  const hasMax = max !== undefined && max < Number.POSITIVE_INFINITY;
  if (hasMin && hasMax) return `a number in ${minExclusive ? '(' : '['}${min}, ${max}${maxExclusive ? ')' : ']'}`;
  if (hasMin) return `a finite number ${minExclusive ? '>' : '>='} ${min}`;
  if (hasMax) return `a finite number ${maxExclusive ? '<' : '<='} ${max}`;
  return 'a finite number';
}

/**
 * Throws unless `value` is a finite number within `range` (every bound included unless
 * marked exclusive).
 *
 * @example
 * assertFiniteNumber('AdamW', 'beta1', beta1, { min: 0, max: 1, maxExclusive: true });
 * // AdamW: beta1 must be a number in [0, 1), got 1
 */
export function assertFiniteNumber(fn: string, name: string, value: unknown, range: NumberRange = {}): asserts value is number {
  const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY, minExclusive = false, maxExclusive = false } = range;
  const ok =
    typeof value === 'number' && Number.isFinite(value) && (minExclusive ? value > min : value >= min) && (maxExclusive ? value < max : value <= max);
  if (!ok) throw new Error(`${fn}: ${name} must be ${describeRange(range)}, got ${String(value)}`);
}

/**
 * Throws unless `value` is a finite number > 0 (a temperature, a norm bound).
 *
 * @example
 * assertPositiveNumber('ntXent', 'temperature', temperature);
 * // ntXent: temperature must be a finite number > 0, got 0
 */
export function assertPositiveNumber(fn: string, name: string, value: unknown): asserts value is number {
  assertFiniteNumber(fn, name, value, { min: 0, minExclusive: true });
}

/**
 * Throws unless `value` is a number in [0, 1].
 *
 * @example
 * assertProbability('horizontalFlip', 'options.probability', probability);
 * // horizontalFlip: options.probability must be a number in [0, 1], got -0.5
 */
export function assertProbability(fn: string, name: string, value: unknown): asserts value is number {
  assertFiniteNumber(fn, name, value, { min: 0, max: 1 });
}

/**
 * Throws unless `value` is an integer >= `min` (any integer when `min` is omitted).
 *
 * @example
 * assertInteger('knnClassify', 'k', k, 1);
 * // knnClassify: k must be an integer >= 1, got 0
 */
export function assertInteger(fn: string, name: string, value: unknown, min = Number.NEGATIVE_INFINITY): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    const bound = min === Number.NEGATIVE_INFINITY ? '' : ` >= ${min}`;
    throw new Error(`${fn}: ${name} must be an integer${bound}, got ${String(value)}`);
  }
}

/**
 * Throws unless `value` is a positive integer (and odd when `odd` is set).
 *
 * @example
 * assertPositiveInteger('gaussianBlur', 'options.kernelSize', kernelSize, { odd: true });
 * // gaussianBlur: options.kernelSize must be an odd positive integer, got 4
 */
export function assertPositiveInteger(fn: string, name: string, value: unknown, { odd = false }: { odd?: boolean } = {}): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || (odd && value % 2 === 0)) {
    throw new Error(`${fn}: ${name} must be a${odd ? 'n odd' : ''} positive integer, got ${String(value)}`);
  }
}

/**
 * Throws unless `value` is a pair [min, max] of finite numbers with
 * `lower < min <= max <= upper` (`lower` excluded, `upper` included): a range to draw from.
 *
 * @example
 * assertMinMaxPair('randomResizedCrop', 'options.scale', scale, 0, 1);
 * // randomResizedCrop: options.scale must be [min, max] with 0 < min <= max <= 1, got [0.5, 0.2]
 */
export function assertMinMaxPair(fn: string, name: string, value: unknown, lower: number, upper: number): asserts value is readonly [number, number] {
  const ok =
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
    value[0] > lower &&
    value[0] <= value[1] &&
    value[1] <= upper;
  if (!ok) {
    const bound = upper === Number.POSITIVE_INFINITY ? '' : ` <= ${upper}`;
    const shown = Array.isArray(value) ? `[${value.map(String).join(', ')}]` : String(value);
    throw new Error(`${fn}: ${name} must be [min, max] with ${lower} < min <= max${bound}, got ${shown}`);
  }
}
