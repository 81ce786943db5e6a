/**
 * Thrown when the loss becomes NaN or infinite. Names the step, every loss term and the
 * last good checkpoint, so the run can be resumed from before the divergence (with a lower
 * learning rate, say).
 */
export class TrainingDivergedError extends Error {
  constructor(
    readonly step: number,
    readonly loss: number,
    readonly terms: Record<string, number>,
    readonly lastCheckpoint: string | undefined,
  ) {
    const termText = Object.entries(terms)
      .map(([name, value]) => `${name}=${value}`)
      .join(', ');
    super(
      `train: the loss is ${loss} at step ${step}${termText ? ` (terms: ${termText})` : ''}; ` +
        (lastCheckpoint ? `the last good checkpoint is ${lastCheckpoint}` : 'no checkpoint was written before it'),
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
