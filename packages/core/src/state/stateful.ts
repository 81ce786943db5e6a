import type * as tf from '../tf.js';

/** A stateful part's state as a checkpoint holds it: named tensors and JSON. */
export interface StateSnapshot {
  /** Copies of the state's tensors; whoever receives them disposes them. */
  tensors?: tf.NamedTensorMap;
  json?: unknown;
}

/**
 * The one state interface of the training parts that change outside the gradient
 * (`MomentumEncoder`, `MemoryBank`, `MovingAverage`). A method lists its parts in
 * `state()`; the trainer saves and restores them with every checkpoint, so no method
 * writes checkpoint code.
 *
 * @example
 * const parts: Record<string, Stateful> = { teacher, center };
 * const saved = parts.teacher.getState();   // { tensors: { weight_0, ... } }
 * parts.teacher.setState(saved);            // the caller disposes saved.tensors afterwards
 */
export interface Stateful {
  /** Copies of the state (the caller disposes the tensors). */
  getState(): StateSnapshot;
  /** Restores `getState()`'s output; does not keep or dispose the given tensors. */
  setState(state: StateSnapshot): void;
}

/**
 * The tensor `name` of a snapshot, or an error naming the part and what is missing.
 *
 * @example
 * const keys = requireStateTensor(state, 'keys', 'MemoryBank');
 */
export function requireStateTensor(state: StateSnapshot, name: string, owner: string): tf.Tensor {
  const tensor = state.tensors?.[name];
  if (!tensor)
    throw new Error(`${owner}.setState: the saved state has no tensor '${name}' (found: ${Object.keys(state.tensors ?? {}).join(', ') || 'none'})`);
  return tensor;
}
