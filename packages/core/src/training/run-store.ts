import type { CheckpointContents, LoadedCheckpoint } from './checkpoint.js';

/**
 * Where a training run keeps what outlives the process: checkpoints and the metrics log.
 * The trainer's loop only talks to this interface, so it runs anywhere (Node, a browser
 * tab, a worker); `fileRunStore` is the Node implementation on a run directory.
 *
 * @example
 * await train({ method, data, optimizer, steps: 1000, store: fileRunStore('runs/simclr'), resume: true });
 */
export interface RunStore {
  /** The newest checkpoint that verifies, or null when the run has none yet (throws when it has some but none verifies). */
  readLatestCheckpoint(): Promise<LoadedCheckpoint | null>;
  /** Saves a checkpoint of `step` atomically; returns where it went (shown in messages). */
  writeCheckpoint(step: number, contents: CheckpointContents): Promise<string>;
  /** Appends one step's figures to the metrics log. */
  appendMetrics(record: Record<string, unknown>): Promise<void>;
  /** Drops the metrics logged after `step` (a resumed run logs those steps again). */
  truncateMetrics(step: number): Promise<void>;
  /**
   * After the run diverged at `step` (the weights after that many updates are the first
   * bad ones): finds the newest checkpoint before it that verifies, makes it the one a
   * resume reads, sets aside those of `step` and later, and returns where it is (undefined
   * when none verifies). Optional: without it the trainer names the newest checkpoint it
   * wrote before `step`.
   */
  rewindTo?(step: number): Promise<string | undefined>;
  /**
   * Called by the trainer before the run touches the store, and `close` after it, whatever
   * happens: a file store takes and releases the run directory's lock there, so that a
   * second writer is refused. Optional.
   */
  open?(): Promise<void>;
  close?(): Promise<void>;
}

/**
 * Installs a stop request (Ctrl-C, a button) and returns a function that removes it:
 * when it fires, the trainer finishes the current step, saves a checkpoint and returns
 * with status 'interrupted'.
 *
 * @example
 * const stopButton: StopTrigger = (stop) => { button.onclick = stop; return () => { button.onclick = null; }; };
 */
export type StopTrigger = (stop: () => void) => () => void;
