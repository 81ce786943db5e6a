// Every runnable example of packages/text/examples/ is shown, verbatim, on a page of
// docs/text/, every ```ts block of those pages is one of the examples, and every example runs.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const examplesDirectory = join(packageDirectory, 'examples');
const pagesDirectory = fileURLToPath(new URL('../../../docs/text/', import.meta.url));
const normalize = (text: string) => {
  const unix = text.replace(/\r\n/g, '\n');
  return unix.endsWith('\n') ? unix : `${unix}\n`;
};
const examples = readdirSync(examplesDirectory)
  .filter((file) => file.endsWith('.ts'))
  .sort();
const pages = readdirSync(pagesDirectory).filter((file) => file.endsWith('.md'));

/** The bodies of the ```ts fenced blocks of a markdown page, each ending with a newline. */
function typescriptBlocks(markdown: string): string[] {
  return [...normalize(markdown).matchAll(/^```ts[ \t]*\n([\s\S]*?)^```[ \t]*$/gm)].map((match) => match[1]);
}

const blocks = pages.flatMap((page) => typescriptBlocks(readFileSync(join(pagesDirectory, page), 'utf8')).map((block) => ({ page, block })));
const code = new Map(examples.map((file) => [file, normalize(readFileSync(join(examplesDirectory, file), 'utf8'))]));

describe('docs/text shows packages/text/examples verbatim', () => {
  it('finds the examples and the pages', () => {
    // Not pinned: each method's page and example land with it; the tests below pair them up.
    for (const file of ['collators.ts', 'corpora.ts', 'glove.ts', 'gpt.ts', 'train-tokenizers.ts', 'transformers-js.ts', 'word2vec.ts']) expect(examples).toContain(file);
    for (const page of ['data.md', 'glove.md', 'gpt.md', 'objectives.md', 'tokenizers.md', 'word2vec.md']) expect(pages).toContain(page);
  });

  it.each(examples)('%s is on a page', (file) => {
    expect(blocks.some(({ block }) => block === code.get(file)), `paste examples/${file} into a page of docs/text/`).toBe(true);
  });

  it('every ```ts block of the pages is an example file', () => {
    const strays = blocks.filter(({ block }) => ![...code.values()].includes(block)).map(({ page, block }) => `${page}: ${block.slice(0, 60)}`);
    expect(strays).toEqual([]);
  });
});

describe('the examples run', () => {
  it.each(examples)('%s', { timeout: 240_000 }, async (file) => {
    const out = mkdtempSync(join(tmpdir(), 'selfsup-text-example-'));
    try {
      const args = ['--conditions=@selfsup/source', '--import', 'tsx/esm', join('examples', file)];
      if (file !== 'corpora.ts' && file !== 'collators.ts') args.push(out);
      const { stdout } = await promisify(execFile)('node', args, { cwd: packageDirectory, timeout: 230_000 });
      expect(stdout.length).toBeGreaterThan(0);
      if (file === 'transformers-js.ts') expect(stdout).toMatch(/(\d+) of \1 sentences/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
