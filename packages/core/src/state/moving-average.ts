import * as tf from '../tf.js';
import { type StateSnapshot, type Stateful, requireStateTensor } from './stateful.js';

/**
 * An exponential moving average of a tensor, kept outside the gradient: DINO's centre
 * of the teacher's outputs (Caron et al. 2021, momentum 0.9).
 *
 *   value ← m · value + (1 − m) · observation
 *
 * Update it from a method's `onStepEnd`, never inside a loss.
 *
 * @example
 * const center = new MovingAverage({ shape: [1024], momentum: 0.9 });
 * const loss = dinoLoss(student, teacher, center.value, options);
 * // after the optimizer step:
 * center.update(teacherMean); // [1024]
 */
export class MovingAverage implements Stateful {
  readonly momentum: number;
  private variable: tf.Variable;

  /** Starts at zeros of `shape` (DINO's centre starts at 0). */
  constructor(options: { shape: number[]; momentum: number }) {
    if (!(options.momentum >= 0 && options.momentum <= 1)) {
      throw new Error(`MovingAverage: momentum must be in [0, 1], got ${options.momentum}`);
    }
    this.momentum = options.momentum;
    this.variable = tf.variable(tf.zeros(options.shape), false);
  }

  /** The current average (owned here: do not dispose). */
  get value(): tf.Tensor {
    return this.variable;
  }

  /** One EMA step towards `observation` (same shape as the average). */
  update(observation: tf.Tensor): void {
    if (observation.shape.join() !== this.variable.shape.join()) {
      throw new Error(`MovingAverage.update: observation must be [${this.variable.shape}], got [${observation.shape}]`);
    }
    tf.tidy(() => this.variable.assign(tf.add(tf.mul(this.variable, this.momentum), tf.mul(observation, 1 - this.momentum))));
  }

  getState(): StateSnapshot {
    return { tensors: { value: tf.clone(this.variable) } };
  }

  setState(state: StateSnapshot): void {
    const value = requireStateTensor(state, 'value', 'MovingAverage');
    if (value.shape.join() !== this.variable.shape.join()) {
      throw new Error(`MovingAverage.setState: the saved value is [${value.shape}], expected [${this.variable.shape}]`);
    }
    this.variable.assign(value);
  }

  dispose(): void {
    this.variable.dispose();
  }
}
