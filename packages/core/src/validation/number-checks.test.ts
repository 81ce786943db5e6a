import { describe, expect, it } from 'vitest';
import {
  assertFiniteNumber,
  assertInteger,
  assertMinMaxPair,
  assertPositiveInteger,
  assertPositiveNumber,
  assertProbability,
} from './number-checks.js';

describe('assertFiniteNumber', () => {
  it('accepts numbers within the range, bounds included unless exclusive', () => {
    expect(() => assertFiniteNumber('f', 'x', -3)).not.toThrow();
    expect(() => assertFiniteNumber('f', 'x', 0, { min: 0 })).not.toThrow();
    expect(() => assertFiniteNumber('f', 'x', 1, { min: 0, max: 1 })).not.toThrow();
    expect(() => assertFiniteNumber('f', 'x', 0.999, { min: 0, max: 1, maxExclusive: true })).not.toThrow();
  });

  it('names the function, the argument, the range and the value', () => {
    expect(() => assertFiniteNumber('f', 'x', Number.NaN)).toThrow('f: x must be a finite number, got NaN');
    expect(() => assertFiniteNumber('f', 'x', '1')).toThrow('f: x must be a finite number, got 1');
    expect(() => assertFiniteNumber('f', 'x', Number.POSITIVE_INFINITY, { min: 0 })).toThrow('f: x must be a finite number >= 0, got Infinity');
    expect(() => assertFiniteNumber('f', 'x', 0, { min: 0, minExclusive: true })).toThrow('f: x must be a finite number > 0, got 0');
    expect(() => assertFiniteNumber('f', 'x', 2, { max: 1 })).toThrow('f: x must be a finite number <= 1, got 2');
    expect(() => assertFiniteNumber('f', 'x', 1, { max: 1, maxExclusive: true })).toThrow('f: x must be a finite number < 1, got 1');
    expect(() => assertFiniteNumber('f', 'x', 1, { min: 0, max: 1, maxExclusive: true })).toThrow('f: x must be a number in [0, 1), got 1');
    expect(() => assertFiniteNumber('f', 'x', 0, { min: 0, max: 1, minExclusive: true })).toThrow('f: x must be a number in (0, 1], got 0');
    expect(() => assertFiniteNumber('f', 'x', undefined, { min: 1 })).toThrow('f: x must be a finite number >= 1, got undefined');
  });

  it('has shorthands for positive numbers and probabilities', () => {
    expect(() => assertPositiveNumber('ntXent', 'temperature', 0)).toThrow('ntXent: temperature must be a finite number > 0, got 0');
    expect(() => assertPositiveNumber('ntXent', 'temperature', 1e-9)).not.toThrow();
    expect(() => assertProbability('flip', 'p', -0.5)).toThrow('flip: p must be a number in [0, 1], got -0.5');
    expect(() => assertProbability('flip', 'p', 1)).not.toThrow();
  });
});

describe('integer checks', () => {
  it('assertInteger: an integer >= min', () => {
    expect(() => assertInteger('f', 'k', 0, 0)).not.toThrow();
    expect(() => assertInteger('f', 'k', -7)).not.toThrow();
    expect(() => assertInteger('f', 'k', 0, 1)).toThrow('f: k must be an integer >= 1, got 0');
    expect(() => assertInteger('f', 'k', 1.5)).toThrow('f: k must be an integer, got 1.5');
    expect(() => assertInteger('f', 'k', '2', 1)).toThrow('f: k must be an integer >= 1, got 2');
  });

  it('assertPositiveInteger: a (odd) positive integer', () => {
    expect(() => assertPositiveInteger('f', 'size', 3, { odd: true })).not.toThrow();
    expect(() => assertPositiveInteger('f', 'size', 0)).toThrow('f: size must be a positive integer, got 0');
    expect(() => assertPositiveInteger('f', 'size', 4, { odd: true })).toThrow('f: size must be an odd positive integer, got 4');
  });
});

describe('assertMinMaxPair', () => {
  it('accepts lower < min <= max <= upper and rejects anything else', () => {
    expect(() => assertMinMaxPair('crop', 'scale', [0.08, 1], 0, 1)).not.toThrow();
    expect(() => assertMinMaxPair('crop', 'scale', [0.5, 0.2], 0, 1)).toThrow(
      'crop: scale must be [min, max] with 0 < min <= max <= 1, got [0.5, 0.2]',
    );
    expect(() => assertMinMaxPair('crop', 'ratio', [0, 2], 0, Number.POSITIVE_INFINITY)).toThrow(
      'crop: ratio must be [min, max] with 0 < min <= max, got [0, 2]',
    );
    expect(() => assertMinMaxPair('crop', 'scale', 0.5, 0, 1)).toThrow(/got 0.5$/);
  });
});
