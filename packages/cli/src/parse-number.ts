import { UsageError } from './usage-error.js';

/**
 * Parses a numeric option, naming it in the error when the value is not a number in range
 * (a command-line string, or a config file's number; any other JSON value is refused).
 *
 * @example
 * parseNumber('--steps', '500', { integer: true, minimum: 1 }); // 500
 * parseNumber('--lr', 'fast', {}); // UsageError: --lr must be a number, got 'fast'
 * parseNumber('--steps', 1e20, { integer: true, maximum: 1e7 }); // UsageError: --steps must be an integer <= 10,000,000, got 100,000,000,000,000,000,000
 */
export function parseNumber(
  name: string,
  text: unknown,
  options: { integer?: boolean; minimum?: number; maximum?: number; exclusiveMinimum?: number } = {},
): number {
  const kind = options.integer ? 'an integer' : 'a number';
  // A config file can hold anything JSON does: true, null, [16], {}.
  if (typeof text !== 'number' && typeof text !== 'string')
    throw new UsageError(`${name} must be ${kind}, got ${JSON.stringify(text) ?? String(text)}`);
  const value = typeof text === 'number' ? text : text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value) || (options.integer && !Number.isInteger(value))) {
    throw new UsageError(`${name} must be ${kind}, got '${text}'`);
  }
  if (options.minimum !== undefined && value < options.minimum) throw new UsageError(`${name} must be ${kind} >= ${options.minimum}, got ${value}`);
  if (options.maximum !== undefined && value > options.maximum) {
    throw new UsageError(`${name} must be ${kind} <= ${options.maximum.toLocaleString('en-US')}, got ${value.toLocaleString('en-US')}`);
  }
  if (options.exclusiveMinimum !== undefined && value <= options.exclusiveMinimum) {
    throw new UsageError(`${name} must be ${kind} > ${options.exclusiveMinimum}, got ${value}`);
  }
  return value;
}
