import { selfsupVitestConfig } from '@selfsup/tooling/vitest-preset';

export default selfsupVitestConfig();
