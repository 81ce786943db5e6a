import { fileURLToPath } from 'node:url';
import { importGraph } from '@selfsup/tooling/import-graph';
import { describe, expect, it } from 'vitest';

const entry = (name: string) => fileURLToPath(new URL(`../src/${name}`, import.meta.url));

describe('the entries of @selfsup/core', () => {
  it('the root entry reaches no Node built-in module, so a browser bundle builds', () => {
    const { files, external } = importGraph(entry('index.ts'));
    expect(files.size).toBeGreaterThan(50); // the walk follows the re-exports
    const nodeOnly = [...external].filter(([specifier]) => specifier.startsWith('node:') || specifier === '@tensorflow/tfjs-node');
    expect(nodeOnly.map(([specifier, file]) => `${specifier} <- ${file}`)).toEqual([]);
  });

  it('the node entry holds what needs Node (it would fail the test above)', () => {
    const { external } = importGraph(entry('node.ts'));
    expect([...external.keys()]).toEqual(expect.arrayContaining(['node:fs/promises', 'node:worker_threads']));
  });
});
