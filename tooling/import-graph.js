// The static import graph of a package entry, read from its TypeScript sources: which
// files it reaches and which bare specifiers they import. Used by the tests that keep the
// packages' root entries browser-safe (no `node:` module, no sharp). A regex over the
// sources is enough here: every import in this repository is a plain `import ... from '...'`
// or `export ... from '...'` on its own statement (Biome formats them so).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|(?:^|\n)\s*import\s+'([^']+)'/g;

/**
 * Walks the relative imports from `entry` (a .ts file) and returns every file reached
 * (type-only imports skipped, as they vanish at build) and every bare specifier with the
 * first file that imports it.
 *
 * @example
 * const { external } = importGraph('packages/core/src/index.ts');
 * [...external.keys()].filter((s) => s.startsWith('node:')); // []
 */
export function importGraph(entry) {
  const files = new Set();
  const external = new Map();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(SPECIFIER)) {
      const statement = match[0].trim();
      if (/^(import|export)\s+type\s/.test(statement)) continue;
      const specifier = match[1] ?? match[2];
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
        visit(existsSync(target) ? target : resolve(dirname(file), specifier));
      } else if (!external.has(specifier)) {
        external.set(specifier, file);
      }
    }
  };
  visit(resolve(entry));
  return { files, external };
}
