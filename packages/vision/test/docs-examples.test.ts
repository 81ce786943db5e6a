// Every runnable example of packages/vision/examples/ is shown, verbatim, on its method's
// page in docs/vision/methods/, so the docs cannot drift from code that typechecks.
// Each example also names the line of its recipe in src/recipes/recipe-book.ts; that is checked too.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const examplesDirectory = fileURLToPath(new URL('../examples/', import.meta.url));
const pagesDirectory = fileURLToPath(new URL('../../../docs/vision/methods/', import.meta.url));
const indexPage = fileURLToPath(new URL('../../../docs/vision/methods.md', import.meta.url));
const recipeBook = fileURLToPath(new URL('../src/recipes/recipe-book.ts', import.meta.url));

const examples = readdirSync(examplesDirectory)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();

/** The bodies of the ```ts fenced blocks of a markdown page, each ending with a newline. */
function typescriptBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const fence = /^```ts[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;
  for (const match of markdown.replace(/\r\n/g, '\n').matchAll(fence)) blocks.push(match[1]);
  return blocks;
}

describe('docs/vision/methods/<name>.md show packages/vision/examples/<name>.ts verbatim', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it('parses fenced blocks as expected', () => {
    const page = 'text\n```ts\nconst a = 1;\n\nconst b = 2;\n```\nmore\n```js\nnot ts\n```\n';
    expect(typescriptBlocks(page)).toEqual(['const a = 1;\n\nconst b = 2;\n']);
  });

  it.each(examples)('%s', (name) => {
    const page = `${pagesDirectory}${name}.md`;
    expect(existsSync(page), `docs/vision/methods/${name}.md is missing: every example needs its page`).toBe(true);
    let code = readFileSync(`${examplesDirectory}${name}.ts`, 'utf8').replace(/\r\n/g, '\n');
    if (!code.endsWith('\n')) code += '\n';
    const blocks = typescriptBlocks(readFileSync(page, 'utf8'));
    expect(
      blocks.includes(code),
      `docs/vision/methods/${name}.md has no \`\`\`ts block identical to packages/vision/examples/${name}.ts; paste the file into the page`,
    ).toBe(true);
  });

  it.each(examples)('%s points at the line of its recipe in recipe-book.ts', (name) => {
    const code = readFileSync(`${examplesDirectory}${name}.ts`, 'utf8');
    const recipe = /buildRecipe\(\{ method: '([a-z]+)'/.exec(code)?.[1];
    const line = Number(/recipes\/recipe-book\.ts:(\d+)/.exec(code)?.[1]);
    expect(recipe, `examples/${name}.ts builds no recipe`).toBeDefined();
    const lines = readFileSync(recipeBook, 'utf8').split(/\r?\n/);
    const actual = lines.findIndex((text) => text.startsWith(`  ${recipe}: `)) + 1;
    expect(line, `examples/${name}.ts: the ${recipe} recipe is on line ${actual} of recipe-book.ts`).toBe(actual);
  });

  it.each(examples)('docs/vision/methods.md links to the %s page', (name) => {
    expect(readFileSync(indexPage, 'utf8')).toContain(`](methods/${name}.md)`);
  });
});
