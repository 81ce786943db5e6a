import { type BackendInfo, initBackend } from '../backend/init-backend.js';

/** The backends every numerical test runs on. */
export const TEST_BACKENDS = ['cpu', 'wasm'] as const;
export type TestBackend = (typeof TEST_BACKENDS)[number];

/**
 * Activates one backend (with selfsup's training kernels registered) for the tests that follow.
 *
 * @example
 * beforeAll(() => useBackend('wasm'));
 */
export function useBackend(name: TestBackend): Promise<BackendInfo> {
  return initBackend({ backend: name, warn: () => {} });
}
