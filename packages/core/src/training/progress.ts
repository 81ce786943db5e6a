/** One line of training progress, as the trainer reports it after each step. */
export interface StepReport {
  step: number;
  totalSteps: number;
  epoch: number;
  loss: number;
  terms: Record<string, number>;
  metrics: Record<string, number>;
  learningRate: number;
  /** Examples per second over the recent steps (when the batch size is known). */
  examplesPerSecond?: number;
  /** Seconds since the run (or the resumed part of it) started. */
  elapsedSeconds: number;
  /** Figures of the periodic evaluations that ran after this step, if any. */
  evaluation?: Record<string, number>;
}

/** Where the progress goes: `process.stderr`, a file stream, anything with `write`. */
export interface ProgressStream {
  write(text: string): unknown;
  /** Redraw one line in place (a terminal) rather than print periodic lines. */
  isTTY?: boolean;
}

export interface ProgressOptions {
  /** Stream to write to. Default process.stderr. */
  stream?: ProgressStream;
  /** On a non-TTY stream, print one plain line every this many steps. Default 10. */
  every?: number;
}

/**
 * Formats seconds as `1h02m`, `3m05s` or `12s`.
 *
 * @example
 * formatDuration(185); // '3m05s'
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/**
 * A progress reporter: a bar with ETA, loss and throughput redrawn in place on a TTY,
 * plain periodic lines otherwise (logs, CI).
 *
 * @example
 * await train({ ..., callbacks: [progressBar()] });
 */
export function progressBar(options: ProgressOptions = {}): { onStep(report: StepReport): void; onEnd(): void } {
  const stream = options.stream ?? process.stderr;
  const every = options.every ?? 10;
  let firstStep: number | undefined;
  let drewInPlace = false;
  return {
    onStep(report) {
      firstStep ??= report.step;
      const done = report.step + 1;
      const stepsThisRun = done - firstStep;
      const eta = stepsThisRun > 0 ? ((report.totalSteps - done) * report.elapsedSeconds) / stepsThisRun : Number.NaN;
      const throughput = report.examplesPerSecond ? ` | ${report.examplesPerSecond.toFixed(0)} ex/s` : '';
      const text = `step ${done}/${report.totalSteps} | loss ${report.loss.toFixed(4)} | lr ${report.learningRate.toExponential(2)}${throughput} | ETA ${formatDuration(eta)}`;
      if (stream.isTTY) {
        const width = 24;
        const filled = Math.round((width * done) / report.totalSteps);
        stream.write(`\r[${'='.repeat(filled)}${' '.repeat(width - filled)}] ${text}\u001b[K`);
        drewInPlace = true;
      } else if (done % every === 0 || done === report.totalSteps) {
        stream.write(`${text}\n`);
      }
    },
    onEnd() {
      if (drewInPlace) stream.write('\n');
    },
  };
}
