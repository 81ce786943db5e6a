/** What `options.onProgress` of `trainWord2Vec` and `trainWord2VecParallel` is told. */
export interface Word2VecProgress {
  /** The epoch being trained, from 0 (with worker threads: the epoch of the slowest worker). */
  epoch: number;
  /** Epochs in all. */
  epochs: number;
  /** The fraction of all epochs' words trained, in [0, 1]. */
  progress: number;
  /** The current learning rate. */
  alpha: number;
  /** Words trained so far over all epochs, counted as in the corpus (before subsampling, unknown words included). */
  words: number;
  /** `words` over the seconds since training started. */
  wordsPerSecond: number;
  /** Seconds since training started. */
  seconds: number;
}

/**
 * Calls `onProgress` at most once a second (and whenever `force` is set), with the rate over
 * the run so far.
 *
 * @example
 * const reporter = new ProgressReporter(console.log, 5, 1_000_000, 0.025, 1e-4);
 * reporter.report(200_000, 1);
 */
export class ProgressReporter {
  private readonly started = now();
  private last = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly onProgress: ((progress: Word2VecProgress) => void) | undefined,
    private readonly epochs: number,
    private readonly totalWords: number,
    private readonly alpha: number,
    private readonly minAlpha: number,
  ) {}

  /**
   * Seconds since the reporter was made.
   *
   * @example
   * reporter.seconds(); // 12.5
   */
  seconds(): number {
    return (now() - this.started) / 1000;
  }

  /**
   * Tells `onProgress` that `words` of all epochs' words are trained and `epoch` is under way
   * (at most once a second unless `force`).
   *
   * @example
   * reporter.report(500_000, 2, true);
   */
  report(words: number, epoch: number, force = false): void {
    if (this.onProgress === undefined) return;
    const time = now();
    if (!force && time - this.last < 1000) return;
    this.last = time;
    const seconds = (time - this.started) / 1000;
    const progress = Math.min(1, words / this.totalWords);
    const alpha = Math.max(this.minAlpha, this.alpha - (this.alpha - this.minAlpha) * progress);
    this.onProgress({ epoch, epochs: this.epochs, progress, alpha, words, wordsPerSecond: seconds > 0 ? words / seconds : 0, seconds });
  }
}

const now = () => globalThis.performance.now();
