// Shared Vitest settings for every selfsup package.
// Sibling packages resolve through the `@selfsup/source` export condition, so tests run against
// their TypeScript sources and nothing has to be built first.
import { defineConfig } from 'vitest/config';

/**
 * Builds a package's Vitest config.
 *
 * @example
 * // packages/core/vitest.config.ts
 * import { selfsupVitestConfig } from '@selfsup/tooling/vitest-preset';
 * export default selfsupVitestConfig();
 */
export function selfsupVitestConfig(overrides = {}) {
  return defineConfig({
    resolve: { conditions: ['@selfsup/source', 'import', 'module', 'default'] },
    ssr: { resolve: { conditions: ['@selfsup/source', 'import', 'module', 'default'] } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      // TensorFlow.js keeps one engine per process; files run in separate forks so a
      // backend switch or a registered kernel in one file cannot leak into another.
      pool: 'forks',
      testTimeout: 60_000,
      hookTimeout: 60_000,
      ...overrides,
    },
  });
}
