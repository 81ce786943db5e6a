import { selfsupVitestConfig } from '@selfsup/tooling/vitest-preset';

export default selfsupVitestConfig({ testTimeout: 240_000, hookTimeout: 240_000 });
