import { describe, expect, it } from 'vitest';
import { describeValue } from './describe-value.js';
import { assertFunction, assertOneOf } from './option-checks.js';

describe('option checks', () => {
  it('assertFunction names the expected signature and what was given', () => {
    expect(() => assertFunction('SGD', 'exclude', () => false, '(name) => boolean')).not.toThrow();
    expect(() => assertFunction('SGD', 'exclude', 'bias', '(name) => boolean')).toThrow(
      'SGD: exclude must be a function (name) => boolean, got string',
    );
  });

  it('assertOneOf lists the choices', () => {
    expect(() => assertOneOf('KMeans', 'init', 'random', ['k-means++', 'random'])).not.toThrow();
    expect(() => assertOneOf('KMeans', 'init', 'kmeans', ['k-means++', 'random'])).toThrow(
      "KMeans: init must be 'k-means++' or 'random', got kmeans",
    );
    expect(() => assertOneOf('KMeans', 'method', 'x', ['auto', 'loop', 'tensor'])).toThrow(
      "KMeans: method must be 'auto', 'loop' or 'tensor', got x",
    );
    expect(() => assertOneOf('f', 'kind', 'x', ['only'])).toThrow("f: kind must be 'only', got x");
  });

  it('describeValue says null, an array, or the typeof', () => {
    expect([null, [1], undefined, 1, 'a', {}].map(describeValue)).toEqual(['null', 'an array', 'undefined', 'number', 'string', 'object']);
  });
});
