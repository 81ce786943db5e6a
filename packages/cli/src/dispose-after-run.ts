/**
 * Frees the run's workers and models. After a failed run a second error from freeing them
 * is dropped, so the first one is reported (an out-of-memory step leaves the wasm heap
 * unusable, and disposing then fails with another `memory access out of bounds`).
 *
 * @example
 * await disposeAfterRun([() => replicas?.dispose(), () => method.dispose()], failed);
 */
export async function disposeAfterRun(parts: (() => unknown)[], failed: boolean): Promise<void> {
  try {
    for (const dispose of parts) await dispose();
  } catch (error) {
    if (!failed) throw error;
  }
}
