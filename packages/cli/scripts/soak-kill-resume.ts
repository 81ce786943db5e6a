// Soak test of kill and resume (issue #11), not run in CI: a small `selfsup pretrain` (real
// MNIST digits written as a folder, 2 workers, a checkpoint every 2 steps) is killed with
// SIGKILL at seeded random moments N times, resumed after each kill, and run to the end;
// its final checkpoint's weights (every .bin: the encoder's weights.bin, the variables, the
// optimizer slots, the method state) and its metrics.jsonl losses must equal those of a run
// of the same seed that was never killed. Prints the result; exits 1 on a difference.
//
//   pnpm --filter selfsup soak -- --kills 50 [--seed 1] [--steps N] [--checkpoint-every 2] [--keep]
//   node --conditions=@selfsup/source --import tsx/esm scripts/soak-kill-resume.ts --kills 10
//
// The kill moments are uniform between 30% of the start-up time (loading tfjs, the workers,
// the data) and that time plus a window sized so that the N kills fall before the run's end
// (measured on the uninterrupted run): most land in training, some in start-up, checkpoint
// writes or the probes. A kill before the first checkpoint starts the run over (--overwrite).
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from '@selfsup/core';
import { writeDigitFolder } from '../test/digit-folder.js';

/** The settings of a soak run; each has a command-line flag of the same name. */
interface SoakOptions {
  /** SIGKILLs before the run may finish (default 50). */
  kills: number;
  /** Seed of the kill moments (the run itself always uses seed 0). */
  seed: number;
  /** Optimizer steps of the run (default: 3 per kill, at least 20, so that every kill lands before the end). */
  steps: number;
  checkpointEvery: number;
  /** Keep the scratch folder (the two run directories) for a look afterwards. */
  keep: boolean;
}

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  const scratch = mkdtempSync(join(tmpdir(), 'selfsup-soak-'));
  const started = performance.now();
  try {
    const digits = join(scratch, 'digits');
    await writeDigitFolder(digits, { digits: [0, 1, 7], perClass: 20 });
    const config = join(scratch, 'run-config.json');
    writeFileSync(config, JSON.stringify({ checkpointEvery: options.checkpointEvery, monitorEvery: 1000 }));
    const args = [
      '--dataset',
      digits,
      '--channels',
      '1',
      '--image-size',
      '28',
      '--batch-size',
      '16',
      '--probe-train',
      '200',
      '--workers',
      '2',
      '--steps',
      String(options.steps),
      '--config',
      config,
    ];

    // The run never killed, timed: start-up until its first metrics line, then its steps.
    const whole = join(scratch, 'never-killed');
    const timing = await runTimed(['pretrain', ...args, '--out', whole], join(whole, 'metrics.jsonl'), options.steps);
    const window = (2 * timing.training) / options.kills;
    console.log(
      `soak: ${options.steps} steps, a checkpoint every ${options.checkpointEvery}, 2 workers; the run never killed took ${seconds(timing.total)} (start-up ${seconds(timing.startup)}, ${seconds(timing.training / options.steps)} a step)`,
    );

    const killed = join(scratch, 'killed');
    const random = createRandom(options.seed);
    let kills = 0;
    let finished = false;
    while (kills < options.kills) {
      const resumable = holdsCheckpoint(killed);
      const child = startCli(
        resumable ? ['pretrain', '--resume', killed] : ['pretrain', ...args, '--out', killed, ...(existsSync(killed) ? ['--overwrite'] : [])],
      );
      const delay = 0.3 * timing.startup + random.next() * (0.7 * timing.startup + window);
      const ended = await Promise.race([exited(child), sleep(delay).then(() => null)]);
      if (ended !== null) {
        if (ended.code !== 0) return failed(`an attempt ended by itself with exit ${ended.code} before its kill`, ended.output);
        finished = true;
        console.log(
          `soak: the run finished after ${kills} kills, before kill ${kills + 1} (${seconds(delay)} in); give more --steps for ${options.kills}`,
        );
        break;
      }
      child.kill('SIGKILL');
      const end = await exited(child);
      kills += 1;
      const step = latestStep(killed);
      console.log(
        `soak: kill ${kills}/${options.kills} ${seconds(delay)} in (${end.signal ?? `exit ${end.code}`}): ${step === undefined ? 'no checkpoint yet' : `latest checkpoint at step ${step}`}, ${metricLines(killed)} metrics lines`,
      );
    }
    if (!finished) {
      const last = await exited(
        startCli(holdsCheckpoint(killed) ? ['pretrain', '--resume', killed] : ['pretrain', ...args, '--out', killed, '--overwrite']),
      );
      if (last.code !== 0) return failed(`the final resume exited ${last.code}`, last.output);
    }

    const differences = compareRuns(whole, killed, options.steps);
    const elapsed = seconds(performance.now() - started);
    if (differences.length > 0) {
      console.log(`soak: FAILED after ${kills} SIGKILLs (seed ${options.seed}, ${elapsed}):`);
      for (const line of differences) console.log(`  ${line}`);
      return 1;
    }
    const encoder = finalCheckpointFiles(killed).find((file) => file.endsWith('models/encoder/weights.bin'))!;
    console.log(
      `soak: passed: ${kills} SIGKILLs at random moments (seed ${options.seed}) and resumes; the final checkpoint's ${finalCheckpointFiles(killed).filter((f) => f.endsWith('.bin')).length} weight files (encoder weights.bin ${statSync(join(killed, 'checkpoints', encoder)).size.toLocaleString('en-US')} bytes, SHA-256 ${sha256(join(killed, 'checkpoints', encoder)).slice(0, 16)}...) and the ${options.steps} losses of metrics.jsonl equal the run never killed (${elapsed} in all)`,
    );
    return 0;
  } finally {
    if (options.keep) console.log(`soak: kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

/** The differences between the final checkpoints and the losses of two runs, one line each; empty when they are the same. */
function compareRuns(whole: string, killed: string, steps: number): string[] {
  const differences: string[] = [];
  const [expected, actual] = [finalCheckpointFiles(whole), finalCheckpointFiles(killed)];
  if (expected.join() !== actual.join()) differences.push(`final checkpoint files differ: ${expected.join(', ')} vs ${actual.join(', ')}`);
  for (const file of expected.filter((name) => name.endsWith('.bin') && actual.includes(name))) {
    if (sha256(join(whole, 'checkpoints', file)) !== sha256(join(killed, 'checkpoints', file))) differences.push(`${file} differs`);
  }
  const losses = (run: string) => readLines(join(run, 'metrics.jsonl')).map((line) => [line.step, line.loss] as [number, number]);
  const [a, b] = [losses(whole), losses(killed)];
  if (a.length !== steps || b.length !== steps) differences.push(`metrics.jsonl holds ${a.length} and ${b.length} lines, expected ${steps} each`);
  const first = a.findIndex(([step, loss], i) => b[i]?.[0] !== step || b[i]?.[1] !== loss);
  if (first >= 0) differences.push(`losses differ from line ${first + 1}: step ${a[first][0]} loss ${a[first][1]} vs ${JSON.stringify(b[first])}`);
  return differences;
}

/** The files of a run's newest checkpoint (the one latest.json names), relative to checkpoints/, sorted. */
function finalCheckpointFiles(run: string): string[] {
  const checkpoints = join(run, 'checkpoints');
  const latest = JSON.parse(readFileSync(join(checkpoints, 'latest.json'), 'utf8')) as { path: string };
  const folder = join(checkpoints, latest.path);
  return (readdirSync(folder, { recursive: true }) as string[])
    .filter((name) => statSync(join(folder, name)).isFile())
    .map((name) => relative(checkpoints, join(folder, name)))
    .sort();
}

/** Runs the command line to the end, timing its start-up (until the metrics file's first line) and its steps. */
async function runTimed(argv: string[], metrics: string, steps: number): Promise<{ startup: number; training: number; total: number }> {
  const started = performance.now();
  const child = startCli(argv);
  let first: number | undefined;
  let last: number | undefined;
  const end = exited(child);
  let done = false;
  end.then(() => {
    done = true;
  });
  while (!done) {
    const lines = metricLines(metrics, true);
    if (first === undefined && lines > 0) first = performance.now();
    if (last === undefined && lines >= steps) last = performance.now();
    await sleep(20);
  }
  const { code, output } = await end;
  if (code !== 0 || first === undefined || last === undefined) {
    console.error(output);
    throw new Error(`soak: the run never killed exited ${code} (it should finish and log ${steps} steps)`);
  }
  return { startup: first - started, training: last - first, total: performance.now() - started };
}

/** `selfsup ...argv` as a child process from source, its output kept for a failure message. */
function startCli(argv: string[]): ChildProcess & { output: string[] } {
  const child = spawn(process.execPath, ['--conditions=@selfsup/source', '--import', 'tsx/esm', bin, ...argv], {
    cwd: packageRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { output: string[] };
  child.output = [];
  child.stdout?.on('data', (chunk) => child.output.push(String(chunk)));
  child.stderr?.on('data', (chunk) => child.output.push(String(chunk)));
  return child;
}

/** Resolves when the child has exited: its code or the signal that ended it, and its output. */
function exited(child: ChildProcess & { output: string[] }): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode, output: child.output.join('') });
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, output: child.output.join('') })));
}

/** Whether a run directory holds a checkpoint to resume from. */
function holdsCheckpoint(run: string): boolean {
  const checkpoints = join(run, 'checkpoints');
  return (
    existsSync(join(checkpoints, 'latest.json')) || (existsSync(checkpoints) && readdirSync(checkpoints).some((name) => /^step-\d+$/.test(name)))
  );
}

/** The step latest.json names, if any. */
function latestStep(run: string): number | undefined {
  try {
    return (JSON.parse(readFileSync(join(run, 'checkpoints', 'latest.json'), 'utf8')) as { step: number }).step;
  } catch {
    return undefined;
  }
}

/** Complete lines of a metrics.jsonl (of a run directory, or the file itself). */
function metricLines(path: string, isFile = false): number {
  const file = isFile ? path : join(path, 'metrics.jsonl');
  if (!existsSync(file)) return 0;
  return readFileSync(file, 'utf8').split('\n').length - 1;
}

function readLines(path: string): { step: number; loss: number }[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function failed(what: string, output: string): number {
  console.log(`soak: FAILED: ${what}; its output:\n${output}`);
  return 1;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** `--kills N --seed S --steps N --checkpoint-every N --keep`; anything else is a usage error (exit 2). */
function parseArguments(argv: string[]): SoakOptions {
  const usage = 'usage: soak-kill-resume.ts [--kills N (default 50)] [--seed S (default 1)] [--steps N] [--checkpoint-every N (default 2)] [--keep]';
  const values: Record<string, number> = {};
  let keep = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--') continue;
    if (flag === '--keep') {
      keep = true;
      continue;
    }
    const name = { '--kills': 'kills', '--seed': 'seed', '--steps': 'steps', '--checkpoint-every': 'checkpointEvery' }[flag];
    const value = Number(argv[i + 1]);
    if (!name || !Number.isInteger(value) || value < (name === 'seed' ? 0 : 1)) {
      console.error(
        `soak: ${name ? `${flag} must be a ${name === 'seed' ? 'non-negative' : 'positive'} integer, got '${argv[i + 1]}'` : `unknown argument '${flag}'`}\n${usage}`,
      );
      process.exit(2);
    }
    values[name] = value;
    i += 1;
  }
  const kills = values.kills ?? 50;
  return { kills, seed: values.seed ?? 1, steps: values.steps ?? Math.max(20, 3 * kills), checkpointEvery: values.checkpointEvery ?? 2, keep };
}

process.exitCode = await main();
