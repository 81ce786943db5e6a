import * as tf from '../tf.js';
import type { CheckpointContents, LoadedCheckpoint } from './checkpoint.js';
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
  const parts = Object.entries(method.state?.() ?? {}).map(([part, stateful]) => ({ part, snapshot: stateful.getState() }));
  const stateTensors = parts.flatMap(({ part, snapshot }) =>
    Object.entries(snapshot.tensors ?? {}).map(([name, tensor]) => ({ name: `${part}/${name}`, tensor })),
  );
  // tfjs optimizers return their live slot variables plus one new tensor, the iteration count.
  const optimizerWeights = await optimizer.getWeights();
  const contents: CheckpointContents = {
    trainer: { ...position, ...trainer },
    models: method.models?.() ?? {},
    tensors: {
      variables: variables.map((v, i) => ({ name: `variable_${i}`, tensor: v })),
      optimizer: optimizerWeights,
      ...(stateTensors.length > 0 ? { method: stateTensors } : {}),
    },
    json: { method: Object.fromEntries(parts.map(({ part, snapshot }) => [part, snapshot.json ?? null])) },
  };
  const release = () => {
    tf.dispose(optimizerWeights.filter((w) => w.name === 'iter').map((w) => w.tensor));
    tf.dispose(stateTensors.map((t) => t.tensor));
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
  // A checkpoint without optimizer slots would restart Adam's moments from zero: a different run, so an error.
  if (!checkpoint.tensors.optimizer) throw new Error(`train: checkpoint ${checkpoint.directory} holds no optimizer state (optimizer.bin)`);
  // tfjs optimizers copy the slots into their own variables.
  await optimizer.setWeights(checkpoint.tensors.optimizer);
  tf.dispose(checkpoint.tensors.optimizer.map((w) => w.tensor));
  const savedState = checkpoint.tensors.method ?? [];
  try {
    const json = ((checkpoint.json as { method?: Record<string, unknown> }).method ?? {}) as Record<string, unknown>;
    for (const [part, stateful] of Object.entries(method.state?.() ?? {})) {
      const prefix = `${part}/`;
      const tensors = Object.fromEntries(savedState.filter((t) => t.name.startsWith(prefix)).map((t) => [t.name.slice(prefix.length), t.tensor]));
      if (Object.keys(tensors).length === 0 && !(part in json)) {
        throw new Error(`train: checkpoint ${checkpoint.directory} holds no state for the method's part '${part}'`);
      }
      try {
        stateful.setState({ tensors, json: json[part] ?? undefined });
      } catch (error) {
        throw new Error(`train: checkpoint ${checkpoint.directory}, state of '${part}': ${(error as Error).message}`);
      }
    }
  } finally {
    tf.dispose(savedState.map((t) => t.tensor));
  }
  const trainer = checkpoint.trainer as { step: number; epoch: number; batchInEpoch: number };
  return { step: trainer.step, epoch: trainer.epoch, batchInEpoch: trainer.batchInEpoch };
}
