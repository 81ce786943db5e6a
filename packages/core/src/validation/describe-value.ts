/**
 * What an argument is, in the words an error message uses: `null`, `an array`, or its
 * `typeof` (`undefined`, `string`, `object`, ...). Used by the argument checks in
 * `validation/` so that every "got ..." reads the same.
 *
 * @example
 * describeValue(null);      // 'null'
 * describeValue([1, 2]);    // 'an array'
 * describeValue(undefined); // 'undefined'
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
