/**
 * A mistake in how the command was called (unknown method, bad number, missing folder,
 * unknown config key): the command prints its message alone, without a stack trace, and
 * exits with status 2.
 *
 * @example
 * throw new UsageError(`unknown method 'simclrr'; choose one of: simclr, moco, byol`);
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit status of a usage error (as most Unix tools). */
export const USAGE_EXIT_CODE = 2;

/**
 * A "choose one of" clause for a usage error.
 *
 * @example
 * choices(['linear', 'knn']); // "choose one of: linear, knn"
 */
export function choices(values: readonly string[]): string {
  return `choose one of: ${values.join(', ')}`;
}
