/**
 * Test helpers shared by every selfsup package: the backends each test runs on, a
 * leak counter, float64 finite differences and error measures.
 *
 * @example
 * import { TEST_BACKENDS, useBackend, leakedTensors } from '@selfsup/core/testing';
 * describe.each(TEST_BACKENDS)('%s', (backend) => {
 *   beforeAll(() => useBackend(backend));
 *   it('leaks nothing', () => expect(leakedTensors(() => myLoss(a, b))).toBe(0));
 * });
 */
export { TEST_BACKENDS, type TestBackend, useBackend } from './backends.js';
export { finiteDifferenceGradient, maxAbsoluteError, maxRelativeError } from './numerics.js';
export { leakedTensors } from './leaks.js';
export { saveAndLoad } from './save-and-load.js';
export { createRandom, randomNormalArray } from '../random/seeded-random.js';
