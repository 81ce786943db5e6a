/**
 * Rounds to the nearest integer, halves to the even neighbour: Python's `round`, NumPy's
 * `np.round` and TensorFlow's `tf.round` (banker's rounding), which the reference collators
 * use for their counts (Hugging Face's whole-word masking: `round(len(tokens) * 0.15)`; T5's
 * `random_spans_noise_mask`: `tf.round(length * noise_density)`). `Math.round` rounds halves
 * up and would choose one token more on half of the ties.
 *
 * @example
 * roundHalfEven(2.5); // 2
 * roundHalfEven(3.5); // 4
 * roundHalfEven(4.4); // 4
 */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
