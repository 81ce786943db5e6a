import { describeValue } from './describe-value.js';

/**
 * Checks of non-numeric options: callbacks and choices among named values. Each throws
 * an Error that starts with the function name and names the option, e.g.
 * `KMeans: init must be 'k-means++' or 'random', got 'kmeans'`.
 */

/**
 * Throws unless `value` is a function; `signature` shows the expected one in the message.
 *
 * @example
 * assertFunction('SGD', 'excludeFromWeightDecay', predicate, '(variableName) => boolean');
 * // SGD: excludeFromWeightDecay must be a function (variableName) => boolean, got string
 */
export function assertFunction(fn: string, name: string, value: unknown, signature: string): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') {
    throw new Error(`${fn}: ${name} must be a function ${signature}, got ${describeValue(value)}`);
  }
}

/**
 * Throws unless `value` is one of `allowed`.
 *
 * @example
 * assertOneOf('KMeans', 'algorithm', algorithm, ['lloyd', 'mini-batch']);
 * // KMeans: algorithm must be 'lloyd' or 'mini-batch', got full-batch
 */
export function assertOneOf<T extends string>(fn: string, name: string, value: unknown, allowed: readonly T[]): asserts value is T {
  if (!allowed.includes(value as T)) {
    const quoted = allowed.map((option) => `'${option}'`);
    const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
    throw new Error(`${fn}: ${name} must be ${list}, got ${String(value)}`);
  }
}
