import { createRandom, shuffleInPlace } from '@selfsup/core';

/** Defaults of `splitTrainValidation`. */
export const TRAIN_VALIDATION_DEFAULTS = Object.freeze({ validationFraction: 0.1, seed: 0 });

/**
 * Splits documents into training and validation sets by whole document (a document's
 * sentences never land on both sides, so validation measures generalisation to unseen
 * text, not memorised neighbours). The documents are shuffled with the project's seeded
 * shuffle (`shuffleInPlace(createRandom(seed))`); the first round(n x validationFraction)
 * of that order, at least one when the fraction is above 0 and n >= 2, are validation. Each
 * side keeps the corpus order.
 *
 * @example
 * const { train, validation } = splitTrainValidation(chapters, { validationFraction: 0.1, seed: 0 });
 */
export function splitTrainValidation<D>(
  documents: readonly D[],
  options: { validationFraction?: number; seed?: number } = {},
): { train: D[]; validation: D[] } {
  const fraction = options.validationFraction ?? TRAIN_VALIDATION_DEFAULTS.validationFraction;
  if (!Array.isArray(documents)) throw new Error('splitTrainValidation: documents must be an array');
  if (!(fraction >= 0 && fraction < 1)) throw new Error(`splitTrainValidation: validationFraction must be in [0, 1), got ${fraction}`);
  const count = documents.length;
  let validationCount = Math.round(count * fraction);
  if (fraction > 0 && count >= 2) validationCount = Math.min(count - 1, Math.max(1, validationCount));
  const order = shuffleInPlace(
    Array.from({ length: count }, (_, i) => i),
    createRandom(options.seed ?? TRAIN_VALIDATION_DEFAULTS.seed),
  );
  const isValidation = new Uint8Array(count);
  for (const index of order.slice(0, validationCount)) isValidation[index] = 1;
  return {
    train: documents.filter((_, i) => !isValidation[i]),
    validation: documents.filter((_, i) => isValidation[i] === 1),
  };
}
