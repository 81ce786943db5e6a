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
