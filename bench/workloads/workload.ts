/** One timed training step, set up once. */
export interface Workload {
  name: string;
  unit: string;
  /** Views, tokens, ... processed by one step (for the rate). */
  itemsPerStep: number;
  step(): void | Promise<void>;
  dispose(): void | Promise<void>;
}
