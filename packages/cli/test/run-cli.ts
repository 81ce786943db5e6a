// The command line run in-process for the end-to-end tests.
import { readFileSync } from 'node:fs';
import { main } from '../src/program.js';

/**
 * Runs `selfsup ...argv` in this process: its exit code, what it printed on stdout (one
 * string) and on stderr (one entry per line).
 *
 * @example
 * const { code, out, err } = await runCli('eval', '--checkpoint', directory, '--json');
 */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { log: (line) => out.push(line), error: (line) => err.push(line) });
  return { code, out: out.join('\n'), err };
}

/**
 * The JSON values of a JSON-lines file (metrics.jsonl, embed's .jsonl), one per line.
 *
 * @example
 * readJsonLines(join(directory, 'metrics.jsonl')).map((line) => line.loss);
 */
export function readJsonLines(path: string) {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}
