/*
 * Hue rotation without conversions. In HSV a pixel's maximum M and minimum m channels
 * are its value and value minus chroma C = M - m; its hue, in sextants [0, 6), is
 * sextant + fraction, where the sextant is fixed by the order of R, G and B and the
 * fraction is how far the middle channel has travelled from one end: (mid - m) / C in
 * even sextants (the middle channel rises), (M - mid) / C in odd ones (it falls).
 * Rotating by whole + part sextants keeps M and m, moves the travelled distance
 * d = fraction * C to d + part * C (carrying into the next sextant past C), and assigns
 * M, m and the middle value to the channels of the new sextant. Everything is linear in
 * the channel values, so no division, and the only data-dependent choices are table
 * lookups (no unpredictable branches: a random image would mispredict most of them).
 */

/** Sextant of a pixel by the order code 4 (R >= G) + 2 (G >= B) + (R >= B); codes 1 and 6 cannot occur. */
const SEXTANT_OF_ORDER = Int32Array.from([3, 0, 2, 1, 4, 5, 0, 0]);
/** Per sextant: the channel holding the maximum, the minimum, and the middle value. */
const MAX_CHANNEL = Int32Array.from([0, 1, 1, 2, 2, 0]);
const MIN_CHANNEL = Int32Array.from([2, 2, 0, 0, 1, 1]);
const MIDDLE_CHANNEL = Int32Array.from([1, 0, 2, 1, 0, 2]);
/** Per sextant: 1 where the middle channel falls (odd sextants), 0 where it rises. */
const FALLING = Float64Array.from([0, 1, 0, 1, 0, 1]);
/** (sextant + whole + carry) mod 6 for sums up to 5 + 5 + 1. */
const SEXTANT_MODULO = Int32Array.from({ length: 12 }, (_, i) => i % 6);

/**
 * Rotates the HSV hue of every pixel by `shift` turns (in [-0.5, 0.5]); RGB only.
 * Value and chroma are kept; gray pixels stay as they are.
 */
export function hueInPlace(data: Float32Array, offset: number, pixels: number, shift: number): void {
  const sextantOfOrder = SEXTANT_OF_ORDER;
  const maxChannel = MAX_CHANNEL;
  const minChannel = MIN_CHANNEL;
  const middleChannel = MIDDLE_CHANNEL;
  const falling = FALLING;
  const sextantModulo = SEXTANT_MODULO;
  const rotation = 6 * (shift - Math.floor(shift)); // [0, 6) sextants
  const whole = Math.min(5, Math.floor(rotation));
  const part = rotation - whole;
  const end = offset + pixels * 3;
  for (let i = offset; i < end; i += 3) {
    const red = data[i];
    const green = data[i + 1];
    const blue = data[i + 2];
    const sextant = sextantOfOrder[(+(red >= green) << 2) | (+(green >= blue) << 1) | +(red >= blue)];
    const max = data[i + maxChannel[sextant]];
    const min = data[i + minChannel[sextant]];
    const chroma = max - min;
    const down = falling[sextant];
    // Travelled distance within the sextant, plus the rotation's part; carry past chroma.
    let travelled = (1 - 2 * down) * (data[i + middleChannel[sextant]] - min) + down * chroma + part * chroma;
    const carry = +(travelled >= chroma);
    travelled -= carry * chroma;
    const target = sextantModulo[sextant + whole + carry];
    const targetDown = falling[target];
    const middle = min + targetDown * chroma + (1 - 2 * targetDown) * travelled;
    data[i + maxChannel[target]] = max;
    data[i + minChannel[target]] = min;
    data[i + middleChannel[target]] = middle;
  }
}
