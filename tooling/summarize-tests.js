#!/usr/bin/env node
// Prints one closing line for the whole monorepo from the JSON reports that each
// package's `vitest run` writes to .vitest-results.json, and fails if any is missing
// or counted no test.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// The published packages and the integration apps (browser, ...) that test them.
const packageDirs = ['packages', 'integration'].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, group, entry.name)),
);

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
for (const dir of packageDirs) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (!manifest.scripts?.test) continue;
  const report = join(dir, '.vitest-results.json');
  if (!existsSync(report)) {
    problems.push(`${manifest.name}: no test report (${report})`);
    continue;
  }
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  skipped += results.numPendingTests + (results.numTodoTests ?? 0);
  if (results.numTotalTests === 0) problems.push(`${manifest.name}: ran no test`);
  console.log(`${manifest.name}: ${results.numPassedTests} passed, ${results.numFailedTests} failed`);
}
for (const problem of problems) console.error(problem);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
