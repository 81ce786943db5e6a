import * as tf from '../tf.js';
import { assertFiniteNumber } from '../validation/index.js';

/** The name under which the iteration count travels in `getWeights` (tfjs's own convention). */
const ITERATIONS_WEIGHT_NAME = 'iter';
/** The per-variable step count travels as `<variable name>/step`. */
const STEP_SLOT = 'step';

/** `{ name, tensor }`: the entries of `getWeights`/`setWeights` (tfjs does not export the type). */
type NamedTensor = Parameters<tf.Optimizer['setWeights']>[0][number];

/** The state slots one optimizer keeps for one variable, by kind (`m`, `v`, `momentum`). */
export type SlotVariables<Kind extends string> = Record<Kind, tf.Variable>;

/** Everything kept for one variable. */
interface VariableState<Kind extends string> {
  slots: SlotVariables<Kind>;
  /** Updates so far; the source of truth for bias corrections (read without a device sync). */
  step: number;
  /** `step` mirrored into an int32 scalar when `getWeights` is called, for checkpoints. */
  stepVariable: tf.Variable;
}

/** What `SlotOptimizer.updateVariable` receives for one variable in one step. */
export interface VariableUpdate<Kind extends string> {
  /** The variable's registered name: the key of its slots and what name predicates see. */
  name: string;
  variable: tf.Variable;
  /** Same shape as `variable`. */
  gradient: tf.Tensor;
  slots: SlotVariables<Kind>;
  /** How many updates this variable has had, this one included: 1 on its first update. */
  step: number;
}

/**
 * The machinery the selfsup optimizers share: slot variables created on a variable's
 * first update and keyed by its name, a per-variable step count, a learning rate read
 * at every step, checkpointing through `getWeights`/`setWeights`, and `dispose`.
 * Subclasses implement only `updateVariable`, which runs inside `tf.tidy` and assigns
 * the variable and its slots.
 *
 * Checkpoint format (`getWeights`): `iter` (int32 scalar, the number of
 * `applyGradients` calls, first, as tfjs's optimizers write it), then for each variable
 * in the order of its first update, each slot as `<variable>/<kind>` (float32, the
 * variable's shape) and `<variable>/step` (int32 scalar). As with tfjs's optimizers, the
 * slot and step entries are the optimizer's own variables and `iter` is a new scalar.
 *
 * Reference: the slot layout follows tfjs's `AdamOptimizer` (`<variable>/m`,
 * `<variable>/v`); the per-variable step count follows PyTorch's optimizers, whose
 * `state[p]['step']` is per parameter.
 *
 * @example
 * class PlainSgd extends SlotOptimizer<never> {
 *   static className = 'PlainSgd';
 *   constructor(learningRate: number) { super('PlainSgd', learningRate, []); }
 *   protected updateVariable({ variable, gradient }: VariableUpdate<never>): void {
 *     variable.assign(tf.sub(variable, tf.mul(gradient, this.learningRate)));
 *   }
 *   getConfig() { return { learningRate: this.learningRate }; }
 * }
 */
export abstract class SlotOptimizer<Kind extends string> extends tf.Optimizer {
  /**
   * The step size, read at every `applyGradients`: set it from a schedule before each
   * step (`optimizer.learningRate = schedule(step)`).
   */
  learningRate: number;
  /** The name errors start with, e.g. `AdamW`. */
  protected readonly optimizerName: string;
  private readonly slotKinds: readonly Kind[];
  /** Per variable name, in the order of first update. */
  private states = new Map<string, VariableState<Kind>>();
  /** Variable names of a `setWeights` not yet matched against the variables being updated. */
  private restoredNames: string[] | null = null;

  protected constructor(optimizerName: string, learningRate: number, slotKinds: readonly Kind[]) {
    super();
    this.optimizerName = optimizerName;
    this.slotKinds = slotKinds;
    this.learningRate = learningRate;
    assertFiniteNumber(optimizerName, 'learningRate', learningRate, { min: 0 });
  }

  /**
   * Updates one variable from its gradient; runs inside `tf.tidy`. Assigns the new
   * values to `variable` and to every slot.
   */
  protected abstract updateVariable(update: VariableUpdate<Kind>): void;

  /**
   * Updates every variable named in `variableGradients` (a variable with a missing
   * gradient is skipped, and its step count does not advance), then counts one
   * iteration. Called by `minimize`; call it directly with gradients you computed (and
   * perhaps clipped) yourself.
   */
  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    assertFiniteNumber(this.optimizerName, 'learningRate', this.learningRate, { min: 0 });
    this.checkHyperparameters();
    const entries: [string, tf.Tensor | undefined][] = Array.isArray(variableGradients)
      ? variableGradients.map((entry) => [entry.name, entry.tensor])
      : Object.entries(variableGradients);
    const updates: [string, tf.Variable, tf.Tensor][] = [];
    for (const [name, gradient] of entries) {
      if (gradient == null) continue;
      const variable = tf.engine().registeredVariables[name];
      if (variable === undefined) {
        throw new Error(`${this.optimizerName}: got a gradient for '${name}', which is not a registered variable`);
      }
      if (gradient.shape.join() !== variable.shape.join()) {
        throw new Error(
          `${this.optimizerName}: the gradient of '${name}' has shape [${gradient.shape.join(', ')}], the variable [${variable.shape.join(', ')}]`,
        );
      }
      updates.push([name, variable, gradient]);
    }
    if (this.restoredNames !== null && updates.length > 0) this.matchRestoredSlots(updates);
    for (const [name, variable, gradient] of updates) {
      const state = this.stateFor(name, variable);
      const step = state.step + 1;
      tf.tidy(() => this.updateVariable({ name, variable, gradient, slots: state.slots, step }));
      state.step = step;
    }
    this.incrementIterations();
  }

  /** Subclasses re-validate their mutable hyperparameters (weightDecay) here, before each step. */
  protected checkHyperparameters(): void {}

  private stateFor(name: string, variable: tf.Variable): VariableState<Kind> {
    let state = this.states.get(name);
    if (state === undefined) {
      const slots = {} as SlotVariables<Kind>;
      for (const kind of this.slotKinds) slots[kind] = tf.tidy(() => tf.variable(tf.zerosLike(variable), false));
      state = { slots, step: 0, stepVariable: tf.tidy(() => tf.variable(tf.scalar(0, 'int32'), false)) };
      this.states.set(name, state);
    }
    return state;
  }

  /**
   * After `setWeights`, slots are found by variable name. When none of the restored names
   * is being updated (a model rebuilt in the same process gets new layer names), slots are
   * matched by position instead, as tfjs's own optimizers always do, provided the count
   * and every shape agree; otherwise this throws rather than silently start from zeros.
   */
  private matchRestoredSlots(updates: [string, tf.Variable, tf.Tensor][]): void {
    const restored = this.restoredNames ?? [];
    this.restoredNames = null;
    if (restored.length === 0 || updates.some(([name]) => this.states.has(name))) return;
    const shapesAgree =
      restored.length === updates.length &&
      updates.every(([, variable], i) => {
        const { slots } = this.states.get(restored[i])!;
        return this.slotKinds.every((kind) => slots[kind].shape.join() === variable.shape.join());
      });
    if (!shapesAgree) {
      const shown = restored.slice(0, 5).join(', ') + (restored.length > 5 ? ', ...' : '');
      throw new Error(
        `${this.optimizerName}: the state restored by setWeights is for variables (${shown}), none of which is being updated, ` +
          `and matching by position fails (${restored.length} restored, ${updates.length} updated, or shapes differ)`,
      );
    }
    this.states = new Map(updates.map(([name], i) => [name, this.states.get(restored[i])!] as const));
  }

  /**
   * The optimizer state for a checkpoint: `iter`, then per variable its slots and its
   * step count (see the class comment for the names). As with tfjs's own optimizers, the
   * slot and step tensors are the optimizer's live variables: save (or copy) them before
   * the next step and do not dispose them; `iter` is a new scalar the caller may dispose.
   */
  override async getWeights(): Promise<NamedTensor[]> {
    const weights: NamedTensor[] = [{ name: ITERATIONS_WEIGHT_NAME, tensor: tf.scalar(this.iterations, 'int32') }];
    for (const [name, state] of this.states) {
      for (const kind of this.slotKinds) weights.push({ name: `${name}/${kind}`, tensor: state.slots[kind] });
      tf.tidy(() => state.stepVariable.assign(tf.scalar(state.step, 'int32')));
      weights.push({ name: `${name}/${STEP_SLOT}`, tensor: state.stepVariable });
    }
    return weights;
  }

  /**
   * Restores state saved by `getWeights` (of an optimizer of the same class), replacing
   * (and disposing) the current slots; the next step continues exactly where the saved
   * optimizer stood. The values are taken over by new variables: the caller may dispose
   * the given tensors afterwards, and passing this optimizer's own `getWeights()` is safe.
   */
  override async setWeights(weights: NamedTensor[]): Promise<void> {
    const iterations = weights.find((weight) => weight.name === ITERATIONS_WEIGHT_NAME);
    if (iterations === undefined) {
      throw new Error(`${this.optimizerName}: setWeights needs the '${ITERATIONS_WEIGHT_NAME}' entry that getWeights writes first`);
    }
    const known = [...this.slotKinds, STEP_SLOT];
    const grouped = new Map<string, Map<string, tf.Tensor>>();
    for (const { name, tensor } of weights) {
      if (name === ITERATIONS_WEIGHT_NAME) continue;
      const cut = name.lastIndexOf('/');
      const kind = name.slice(cut + 1);
      if (cut <= 0 || !known.includes(kind)) {
        throw new Error(`${this.optimizerName}: setWeights got '${name}', expected names '<variable>/<slot>' with slot one of ${known.join(', ')}`);
      }
      const variableName = name.slice(0, cut);
      if (!grouped.has(variableName)) grouped.set(variableName, new Map());
      grouped.get(variableName)!.set(kind, tensor);
    }
    for (const [variableName, group] of grouped) {
      for (const kind of known) {
        const tensor = group.get(kind);
        if (tensor === undefined) {
          throw new Error(`${this.optimizerName}: setWeights is missing '${variableName}/${kind}'`);
        }
        const expectedDtype = kind === STEP_SLOT ? 'int32' : 'float32';
        if (tensor.dtype !== expectedDtype || (kind === STEP_SLOT && tensor.rank !== 0)) {
          throw new Error(
            `${this.optimizerName}: setWeights needs '${variableName}/${kind}' as a ${kind === STEP_SLOT ? 'scalar ' : ''}${expectedDtype} tensor, got ${tensor.dtype} [${tensor.shape.join(', ')}]`,
          );
        }
      }
    }
    const iterationCount = (await iterations.tensor.data())[0];
    const states = new Map<string, VariableState<Kind>>();
    for (const [variableName, group] of grouped) {
      const step = (await group.get(STEP_SLOT)!.data())[0];
      // A new variable holds its own reference to the data: the given tensor may be
      // disposed afterwards, even when it is one of this optimizer's current slots.
      const slots = {} as SlotVariables<Kind>;
      for (const kind of this.slotKinds) slots[kind] = tf.variable(group.get(kind)!, false);
      states.set(variableName, { slots, step, stepVariable: tf.tidy(() => tf.variable(tf.scalar(step, 'int32'), false)) });
    }
    this.disposeStates();
    this.states = states;
    this.iterations_ = iterationCount;
    this.restoredNames = [...grouped.keys()];
  }

  private disposeStates(): void {
    for (const state of this.states.values()) {
      for (const kind of this.slotKinds) state.slots[kind].dispose();
      state.stepVariable.dispose();
    }
    this.states = new Map();
    this.restoredNames = null;
  }

  /** Disposes every slot variable; the optimizer then starts afresh if used again. */
  override dispose(): void {
    this.disposeStates();
    super.dispose();
  }
}
