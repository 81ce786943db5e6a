import { TrainingDivergedError } from '@selfsup/core';
import { fileRunStore } from '@selfsup/core/node';
import type { PretrainConfig } from './pretrain-config.js';

/**
 * Thrown by the probes when the encoder's embeddings hold NaN or Infinity: the encoder
 * diverged (its weights are finite, what they compute is not). `selfsup pretrain` reports
 * it as a divergence at the run's last step.
 *
 * @example
 * throw new NonFiniteEmbeddingsError(12, 'the probes');
 */
export class NonFiniteEmbeddingsError extends Error {
  constructor(
    readonly count: number,
    readonly where: string,
  ) {
    super(`the encoder's embeddings for ${where} hold ${count} values that are not finite (NaN or Infinity): the encoder diverged`);
    this.name = 'NonFiniteEmbeddingsError';
  }
}

/**
 * A divergence as `selfsup pretrain` reports it: the trainer's message (the step, what was
 * not finite, the last good checkpoint) and the command to go on from it with a lower
 * learning rate; non-finite embeddings in the probes after the last step become a
 * divergence at that step, with the run pointed back at its last good checkpoint. Other
 * errors are returned as they are.
 *
 * @example
 * throw await divergenceAdvice(error, config, 450);
 * // train: the loss is NaN at step 3 (...); the last good checkpoint is runs/x/checkpoints/step-00000002; continue from it with a lower learning rate: selfsup pretrain --resume runs/x --lr 100000000
 */
export async function divergenceAdvice(error: unknown, config: PretrainConfig, steps: number | undefined): Promise<unknown> {
  let diverged = error;
  if (error instanceof NonFiniteEmbeddingsError && steps !== undefined) {
    const lastGood = await fileRunStore(config.out, { warn: () => {} }).rewindTo!(steps);
    diverged = new TrainingDivergedError(steps, Number.NaN, {}, lastGood, error.message);
  }
  if (!(diverged instanceof TrainingDivergedError)) return error;
  const advice = diverged.lastCheckpoint
    ? `continue from it with a lower learning rate: selfsup pretrain --resume ${config.out} --lr ${config.learningRate / 10}`
    : `start the run over with a lower learning rate: selfsup pretrain --out ${config.out} --overwrite --lr ${config.learningRate / 10} (and the run's other options)`;
  return new Error(`${diverged.message}; ${advice}`);
}
