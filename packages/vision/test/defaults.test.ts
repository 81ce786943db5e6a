// Every module's defaults are one frozen `<MODULE>_DEFAULTS` object keyed by the option
// names of the function that reads them; no loose `<MODULE>_DEFAULT_<OPTION>` constants.
import * as core from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import * as vision from '../src/index.js';

const packages = { '@selfsup/core': core, '@selfsup/vision': vision };

describe.each(Object.entries(packages))('the defaults objects of %s', (_, exports) => {
  const names = Object.keys(exports);
  const defaults = names.filter((name) => name.endsWith('_DEFAULTS'));

  it('export no loose default constants', () => {
    expect(defaults.length).toBeGreaterThan(0);
    expect(names.filter((name) => /_DEFAULT(_|$)/.test(name))).toEqual([]);
  });

  it.each(defaults)('%s is frozen, arrays included, with camelCase option names', (name) => {
    const object = (exports as Record<string, unknown>)[name] as Record<string, unknown>;
    expect(Object.isFrozen(object)).toBe(true);
    for (const [key, value] of Object.entries(object)) {
      expect(key).toMatch(/^[a-z][A-Za-z0-9]*$/);
      if (Array.isArray(value)) expect(Object.isFrozen(value), `${name}.${key}`).toBe(true);
    }
  });
});
