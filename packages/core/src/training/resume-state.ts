import * as tf from '@tensorflow/tfjs';
import type { CheckpointContents, LoadedCheckpoint, NamedTensor } from './checkpoint.js';
import type { Method } from './method.js';

/** Where in the run a checkpoint was taken. */
export interface RunPosition {
  step: number;
  epoch: number;
  batchInEpoch: number;
}

/**
 * Gathers what a checkpoint of a run holds: the method's models and state, every trainable
 * variable, the optimizer's slots, and the run's position. Returns the contents and a
 * function that frees the tensors created for them once they are written.
 *
 * @example
 * const { contents, release } = await checkpointContents(method, optimizer, variables, position, extra);
 * await writeCheckpoint(directory, position.step, contents);
 * release();
 */
export async function checkpointContents<Batch>(
  method: Method<Batch>,
  optimizer: tf.Optimizer,
  variables: tf.Variable[],
  position: RunPosition,
  trainer: Record<string, unknown>,
): Promise<{ contents: CheckpointContents; release: () => void }> {
  const methodState = method.getState?.() ?? {};
  // tfjs optimizers return their live slot variables plus one new tensor, the iteration count.
  const optimizerWeights = await optimizer.getWeights();
  const contents: CheckpointContents = {
    trainer: { ...position, ...trainer },
    models: method.models?.() ?? {},
    tensors: {
      variables: variables.map((v, i) => ({ name: `variable_${i}`, tensor: v })),
      optimizer: optimizerWeights,
      ...(methodState.tensors ? { method: toNamed(methodState.tensors) } : {}),
    },
    json: { method: methodState.json ?? null },
  };
  const release = () => {
    tf.dispose(optimizerWeights.filter((w) => w.name === 'iter').map((w) => w.tensor));
    if (methodState.tensors) tf.dispose(Object.values(methodState.tensors));
  };
  return { contents, release };
}

/**
 * Restores a run from a checkpoint: models, trainable variables, optimizer slots and
 * method state, and returns the position to continue from. Frees the loaded tensors.
 *
 * @example
 * const position = await restoreRun(checkpoint, method, optimizer, variables);
 */
export async function restoreRun<Batch>(
  checkpoint: LoadedCheckpoint,
  method: Method<Batch>,
  optimizer: tf.Optimizer,
  variables: tf.Variable[],
): Promise<RunPosition> {
  const models = method.models?.() ?? {};
  for (const [name, model] of Object.entries(models)) {
    const saved = checkpoint.models[name];
    if (!saved) throw new Error(`train: checkpoint ${checkpoint.directory} has no model '${name}'`);
    model.setWeights(saved.weights.map((w) => w.tensor));
    tf.dispose(saved.weights.map((w) => w.tensor));
  }
  const savedVariables = checkpoint.tensors.variables ?? [];
  if (savedVariables.length !== variables.length) {
    throw new Error(
      `train: checkpoint ${checkpoint.directory} holds ${savedVariables.length} trainable variables, the method has ${variables.length}`,
    );
  }
  variables.forEach((v, i) => {
    v.assign(savedVariables[i].tensor);
  });
  tf.dispose(savedVariables.map((w) => w.tensor));
  if (checkpoint.tensors.optimizer) {
    // tfjs optimizers copy the slots into their own variables.
    await optimizer.setWeights(checkpoint.tensors.optimizer);
    tf.dispose(checkpoint.tensors.optimizer.map((w) => w.tensor));
  }
  if (method.setState) {
    const tensors = checkpoint.tensors.method ? Object.fromEntries(checkpoint.tensors.method.map((w) => [w.name, w.tensor])) : undefined;
    method.setState({ tensors, json: (checkpoint.json as { method?: unknown }).method ?? undefined });
    if (tensors) tf.dispose(Object.values(tensors));
  }
  const trainer = checkpoint.trainer as { step: number; epoch: number; batchInEpoch: number };
  return { step: trainer.step, epoch: trainer.epoch, batchInEpoch: trainer.batchInEpoch };
}


function toNamed(map: tf.NamedTensorMap): NamedTensor[] {
  return Object.entries(map).map(([name, tensor]) => ({ name, tensor }));
}

