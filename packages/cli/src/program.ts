import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import type { CommandIo } from './commands/command-io.js';
import { embedCommand } from './commands/embed-command.js';
import { evalCommand } from './commands/eval-command.js';
import { generateCommand } from './commands/generate-command.js';
import { pretrainCommand } from './commands/pretrain-command.js';
import { reportCommand } from './commands/report-command.js';
import { USAGE_EXIT_CODE, UsageError } from './usage-error.js';
import { RunLockedError } from '@selfsup/core/node';

/** The package's version (its package.json, one folder above src/ and dist/), shown by `selfsup --version`. */
export const CLI_VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

/**
 * The `selfsup` command line: pretrain, eval, embed, generate, report, each with `--help`.
 *
 * @example
 * await createProgram(io).parseAsync(['node', 'selfsup', 'eval', '--checkpoint', 'runs/simclr-mnist']);
 */
export function createProgram(io: CommandIo): Command {
  const program = new Command('selfsup')
    .description('self-supervised pretraining on your own images and text: pretrain, eval, embed, generate, report')
    .version(CLI_VERSION)
    .showSuggestionAfterError()
    .configureOutput({ writeOut: (text) => io.log(text.trimEnd()), writeErr: (text) => io.error(text.trimEnd()) });
  for (const command of [pretrainCommand(io), evalCommand(io), embedCommand(io), generateCommand(io), reportCommand(io)]) {
    program.addCommand(command.configureOutput({ writeOut: (text) => io.log(text.trimEnd()), writeErr: (text) => io.error(text.trimEnd()) }));
  }
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * Runs the command line and returns the exit status: 0 on success, 2 for a usage error
 * (one line naming the problem, no stack trace), 1 for any other failure (its message; the
 * stack only with SELFSUP_DEBUG=1), 130 when Ctrl-C stopped a run after saving it.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: string[], io?: Partial<CommandIo>): Promise<number> {
  let exitCode = 0;
  const resolved: CommandIo = {
    log: io?.log ?? ((line) => console.log(line)),
    error: io?.error ?? ((line) => console.error(line)),
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  try {
    await createProgram(resolved).parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with code 0; commander has already printed its message.
      return error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
    }
    if (error instanceof UsageError || error instanceof RunLockedError) {
      resolved.error(`selfsup: ${error.message}`);
      return USAGE_EXIT_CODE;
    }
    resolved.error(`selfsup: error: ${(error as Error).message ?? String(error)}`);
    if (process.env.SELFSUP_DEBUG === '1') resolved.error(String((error as Error).stack));
    return 1;
  }
}
