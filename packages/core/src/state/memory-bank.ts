import * as tf from '../tf.js';
import { l2Normalize } from '../ops/l2-normalize.js';
import { createRandom } from '../random/seeded-random.js';
import { type StateSnapshot, type Stateful, requireStateTensor } from './stateful.js';

/** Defaults of `MemoryBank`. */
export const MEMORY_BANK_DEFAULTS = Object.freeze({
  /** MoCo v2's queue length (He et al. 2020; Chen et al. 2020). */
  size: 65536,
  /** Seeds the random unit vectors the queue starts with. */
  seed: 0,
});

/**
 * A fixed-size FIFO of L2-normalised keys: MoCo's queue of negatives (He et al. 2020).
 * New keys overwrite the oldest ones, wrapping around the end. It starts filled with
 * random unit vectors, as the reference implementation does. Enqueue from a method's
 * `onStepEnd` with keys from the momentum (key) encoder, never from the query encoder.
 *
 * @example
 * const bank = new MemoryBank({ size: 4096, dimension: 128, seed: 0 });
 * const loss = infoNce(queries, stopGradient(keys), bank.keys);
 * // after the optimizer step:
 * bank.enqueue(keys);
 */
export class MemoryBank implements Stateful {
  readonly size: number;
  readonly dimension: number;
  private variable: tf.Variable;
  private position = 0;

  constructor(options: { size?: number; dimension: number; seed?: number }) {
    this.size = options.size ?? MEMORY_BANK_DEFAULTS.size;
    this.dimension = options.dimension;
    if (!Number.isInteger(this.size) || this.size <= 0) throw new Error(`MemoryBank: size must be a positive integer, got ${this.size}`);
    if (!Number.isInteger(this.dimension) || this.dimension <= 0) {
      throw new Error(`MemoryBank: dimension must be a positive integer, got ${this.dimension}`);
    }
    const random = createRandom(options.seed ?? MEMORY_BANK_DEFAULTS.seed);
    const initial = new Float32Array(this.size * this.dimension);
    for (let i = 0; i < initial.length; i++) initial[i] = random.normal();
    this.variable = tf.tidy(() => tf.variable(l2Normalize(tf.tensor2d(initial, [this.size, this.dimension])), false));
  }

  /** The stored keys [size, D] (owned by the bank: do not dispose). */
  get keys(): tf.Tensor2D {
    return this.variable as tf.Tensor as tf.Tensor2D;
  }

  /** Index of the row the next key will overwrite. */
  get pointer(): number {
    return this.position;
  }

  /** Normalises `keys` [B, D] and writes them over the oldest entries. */
  enqueue(keys: tf.Tensor2D): void {
    if (keys.rank !== 2 || keys.shape[1] !== this.dimension) {
      throw new Error(`MemoryBank.enqueue: keys must be [B, ${this.dimension}], got [${keys.shape}]`);
    }
    const count = keys.shape[0];
    if (count > this.size) throw new Error(`MemoryBank.enqueue: ${count} keys do not fit in a bank of ${this.size}`);
    tf.tidy(() => {
      const normalized = l2Normalize(keys);
      const firstPart = Math.min(count, this.size - this.position);
      const pieces: tf.Tensor2D[] = [];
      const wrapped = count - firstPart; // rows that go to the start of the bank
      if (wrapped > 0) pieces.push(tf.slice(normalized, [firstPart, 0], [wrapped, -1]));
      const keptBefore = this.position - wrapped;
      if (keptBefore > 0) pieces.push(tf.slice(this.keys, [wrapped, 0], [keptBefore, -1]));
      pieces.push(tf.slice(normalized, [0, 0], [firstPart, -1]));
      const keptAfter = this.size - this.position - firstPart;
      if (keptAfter > 0) pieces.push(tf.slice(this.keys, [this.position + firstPart, 0], [keptAfter, -1]));
      this.variable.assign(tf.concat(pieces, 0));
    });
    this.position = (this.position + count) % this.size;
  }

  /** Bank contents (a copy) and pointer, for checkpoints. */
  getState(): StateSnapshot {
    return { tensors: { keys: tf.clone(this.variable) }, json: { pointer: this.position } };
  }

  /** Restores `getState()`'s output exactly. */
  setState(state: StateSnapshot): void {
    const keys = requireStateTensor(state, 'keys', 'MemoryBank');
    if (keys.shape.join() !== `${this.size},${this.dimension}`) {
      throw new Error(`MemoryBank.setState: the saved keys are [${keys.shape}], expected [${this.size},${this.dimension}]`);
    }
    const pointer = (state.json as { pointer?: unknown } | undefined)?.pointer;
    if (!Number.isInteger(pointer) || (pointer as number) < 0 || (pointer as number) >= this.size) {
      throw new Error(`MemoryBank.setState: the saved pointer must be an integer in [0, ${this.size}), got ${JSON.stringify(pointer)}`);
    }
    this.variable.assign(keys);
    this.position = pointer as number;
  }

  dispose(): void {
    this.variable.dispose();
  }
}
