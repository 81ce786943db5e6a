import { UsageError } from './usage-error.js';

/**
 * Parses a numeric option, naming it in the error when the text is not a number in range.
 *
 * @example
 * parseNumber('--steps', '500', { integer: true, minimum: 1 }); // 500
 * parseNumber('--lr', 'fast', {}); // UsageError: --lr must be a number, got 'fast'
 */
export function parseNumber(
  name: string,
  text: string | number,
  options: { integer?: boolean; minimum?: number; exclusiveMinimum?: number } = {},
): number {
  const value = typeof text === 'number' ? text : text.trim() === '' ? Number.NaN : Number(text);
  const kind = options.integer ? 'an integer' : 'a number';
  if (!Number.isFinite(value) || (options.integer && !Number.isInteger(value))) {
    throw new UsageError(`${name} must be ${kind}, got '${text}'`);
  }
  if (options.minimum !== undefined && value < options.minimum) throw new UsageError(`${name} must be ${kind} >= ${options.minimum}, got ${value}`);
  if (options.exclusiveMinimum !== undefined && value <= options.exclusiveMinimum) {
    throw new UsageError(`${name} must be ${kind} > ${options.exclusiveMinimum}, got ${value}`);
  }
  return value;
}
