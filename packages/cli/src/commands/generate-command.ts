import { join } from 'node:path';
import { Command } from 'commander';
import { initBackend } from '@selfsup/core';
import { SAMPLING_DEFAULTS, generate, textRecipeFor } from '@selfsup/text';
import { loadRunEncoder } from '../load-encoder.js';
import { parseNumber } from '../parse-number.js';
import { RUN_FILES, assertRunDirectory, readJsonObject } from '../run-files.js';
import { readRunTokenizer } from '../text/run-tokenizer.js';
import { UsageError } from '../usage-error.js';
import type { CommandIo } from './command-io.js';

/** Defaults of `selfsup generate`: 200 tokens at temperature 0.8 from nucleus 0.95, seed 0. */
export const GENERATE_COMMAND_DEFAULTS = Object.freeze({ tokens: 200, temperature: 0.8, topK: SAMPLING_DEFAULTS.topK, topP: 0.95, seed: 0 });

/**
 * `selfsup generate --checkpoint DIR --prompt TEXT`: continues a prompt with the GPT of a
 * `selfsup pretrain --method gpt` run (its newest checkpoint that verifies and its
 * tokenizer), sampling with the key/value cache; prints the prompt and its continuation
 * (`--json`: one object with both). `--temperature 0` is greedy.
 *
 * @example
 * program.addCommand(generateCommand(io));
 */
export function generateCommand(io: CommandIo): Command {
  const d = GENERATE_COMMAND_DEFAULTS;
  return new Command('generate')
    .description('continue a prompt with the GPT of a pretrain run')
    .requiredOption('--checkpoint <dir>', 'run directory written by selfsup pretrain --method gpt')
    .option('--prompt <text>', 'text to continue (default: a line break)', '\n')
    .option('--tokens <n>', `tokens to generate (default ${d.tokens})`)
    .option('--temperature <x>', `sampling temperature; 0 is greedy (default ${d.temperature})`)
    .option('--top-k <n>', `sample among the k most likely tokens; 0 keeps all (default ${d.topK})`)
    .option('--top-p <x>', `sample from the smallest set of tokens whose probability reaches p (default ${d.topP})`)
    .option('--seed <n>', `seed of the sampling (default ${d.seed})`)
    .option('--json', 'print { prompt, text } as one JSON object')
    .action(
      async (flags: {
        checkpoint: string;
        prompt: string;
        tokens?: string;
        temperature?: string;
        topK?: string;
        topP?: string;
        seed?: string;
        json?: boolean;
      }) => {
        const number = (name: string, value: string | undefined, fallback: number, range: Parameters<typeof parseNumber>[2]) =>
          value === undefined ? fallback : parseNumber(name, value, range);
        const options = {
          maxNewTokens: number('--tokens', flags.tokens, d.tokens, { integer: true, minimum: 1, maximum: 100_000 }),
          temperature: number('--temperature', flags.temperature, d.temperature, { minimum: 0 }),
          topK: number('--top-k', flags.topK, d.topK, { integer: true, minimum: 0 }),
          topP: number('--top-p', flags.topP, d.topP, { exclusiveMinimum: 0, maximum: 1 }),
          seed: number('--seed', flags.seed, d.seed, { integer: true, minimum: 0 }),
        };
        assertRunDirectory(flags.checkpoint, '--checkpoint');
        const config = await readJsonObject(join(flags.checkpoint, RUN_FILES.config), '--checkpoint');
        if (config.method !== 'gpt') {
          throw new UsageError(
            `--checkpoint '${flags.checkpoint}' is a ${String(config.method)} run; generate needs a GPT (selfsup pretrain --method gpt)`,
          );
        }
        if (flags.prompt.length === 0) throw new UsageError('--prompt must not be empty');
        await initBackend();
        const tokenizer = await readRunTokenizer(textRecipeFor('gpt'), join(flags.checkpoint, RUN_FILES.tokenizer));
        const model = await loadRunEncoder(flags.checkpoint, { warn: io.error });
        try {
          const text = tokenizer.decode(generate(model, tokenizer.encode(flags.prompt), options));
          io.log(flags.json ? JSON.stringify({ prompt: flags.prompt, text, ...options }) : `${flags.prompt}${text}`);
        } finally {
          model.dispose();
        }
      },
    );
}
