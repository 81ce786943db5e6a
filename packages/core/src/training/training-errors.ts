/**
 * Thrown when training diverges: the loss becomes NaN or infinite, a weight, an optimizer
 * slot or a piece of method state about to be saved is not finite, or a periodic evaluation
 * (the collapse monitor) gives a figure that is not finite. Names the step (the weights
 * after that many updates are the first bad ones), what was not finite and the last good
 * checkpoint: one whose weights are finite and from which the next loss was finite, so a
 * resume from it with a lower learning rate does not diverge again at once because of its
 * own state. `lastCheckpoint` is undefined when no such checkpoint exists.
 *
 * @example
 * // train: the loss is NaN at step 3 (terms: ntXent=NaN); the last good checkpoint is runs/x/checkpoints/step-00000002
 * throw new TrainingDivergedError(3, Number.NaN, { ntXent: Number.NaN }, 'runs/x/checkpoints/step-00000002');
 * // train: the run diverged at step 4: the evaluation figure 'effectiveRank' is NaN; ...
 * throw new TrainingDivergedError(4, 2.3, {}, undefined, "the evaluation figure 'effectiveRank' is NaN");
 */
export class TrainingDivergedError extends Error {
  constructor(
    readonly step: number,
    readonly loss: number,
    readonly terms: Record<string, number>,
    readonly lastCheckpoint: string | undefined,
    /** What was not finite, when it was not the loss. */
    readonly detail?: string,
  ) {
    const termText = Object.entries(terms)
      .map(([name, value]) => `${name}=${value}`)
      .join(', ');
    const what = detail
      ? `the run diverged at step ${step}: ${detail}`
      : `the loss is ${loss} at step ${step}${termText ? ` (terms: ${termText})` : ''}`;
    super(
      `train: ${what}; ` +
        (lastCheckpoint
          ? `the last good checkpoint is ${lastCheckpoint}`
          : 'no checkpoint before it holds finite weights with a finite loss after them'),
    );
    this.name = 'TrainingDivergedError';
  }
}

/**
 * Thrown when the data source fails to deliver a batch (a file that cannot be read, a
 * decoder that rejects it). The trainer first saves a checkpoint of the steps done, so the
 * run loses nothing: fix the data and resume. `cause` is the data source's own error.
 *
 * @example
 * try {
 *   await train({ ... });
 * } catch (error) {
 *   if (error instanceof DataSourceError) console.error(`${error.cause}; resume from ${error.checkpoint}`);
 * }
 */
export class DataSourceError extends Error {
  constructor(
    readonly step: number,
    override readonly cause: Error,
    readonly checkpoint: string | undefined,
  ) {
    super(
      `train: loading the batch after step ${step} failed: ${cause.message}; ` +
        (checkpoint ? `the run is saved at step ${step} in ${checkpoint}` : 'no checkpoint holds the run (no store was given)'),
    );
    this.name = 'DataSourceError';
  }
}

/**
 * A checkpoint that fails verification: a file missing, of the wrong size or SHA-256, not
 * decodable, or holding weights that are not finite. Names the file and the reason;
 * `readLatestCheckpoint` passes over such a checkpoint to the newest one that verifies.
 *
 * @example
 * // checkpoint runs/simclr/checkpoints/step-00000010/variables.bin: SHA-256 differs from the manifest (the file is damaged)
 * throw new CheckpointError('runs/simclr/checkpoints/step-00000010/variables.bin', 'SHA-256 differs from the manifest (the file is damaged)');
 */
export class CheckpointError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`checkpoint ${file}: ${reason}`);
    this.name = 'CheckpointError';
  }
}

/**
 * A checkpoint that could not be written: the disk is full (ENOSPC) or another write
 * failed. Names the file being written (as it would be named in place), the bytes a
 * checkpoint of this run takes (`bytes`: free at least that much) and the cause (`cause`,
 * with its `code`). `writeCheckpoint` has removed what it wrote of it, so the run's earlier
 * checkpoints and `latest.json` are as they were and the run resumes from them.
 *
 * @example
 * // could not save the checkpoint of step 4: writing runs/x/checkpoints/step-00000004/variables.bin failed (ENOSPC: no space left on device, write); a checkpoint of this run needs 96.9 kB (96,872 bytes) of free space; ...
 * throw new CheckpointWriteError(4, 'runs/x/checkpoints/step-00000004/variables.bin', 96872, error);
 */
export class CheckpointWriteError extends Error {
  constructor(
    readonly step: number,
    readonly file: string,
    readonly bytes: number,
    override readonly cause: Error,
  ) {
    super(
      `could not save the checkpoint of step ${step}: writing ${file} failed (${cause.message}); ` +
        `a checkpoint of this run needs ${formatBytes(bytes)} (${bytes.toLocaleString('en-US')} bytes) of free space; ` +
        'nothing of it was kept: the earlier checkpoints and latest.json are as they were',
    );
    this.name = 'CheckpointWriteError';
  }
}

/** A size for people: 96.9 kB, 12.3 MB, 1.2 GB (powers of 1000, as `df -H` shows them). */
function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}
