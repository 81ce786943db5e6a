import type { UserConfig } from 'vitest/config';

/** Builds a package's Vitest config (sibling packages resolve from source). */
export function selfsupVitestConfig(overrides?: NonNullable<UserConfig['test']>): UserConfig;
