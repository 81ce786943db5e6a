import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The lock file of a run directory, held by the one process that writes to it. */
export const RUN_LOCK_FILE = 'run.lock';

/** Who holds a run directory: the content of `run.lock`. */
export interface RunLockHolder {
  pid: number;
  host: string;
  /** When the lock was taken (ISO 8601). */
  since: string;
  /** A random token, so that a process releases only the lock it took. */
  token: string;
}

/** A run directory held by another process, naming the holder (the command line exits 2 on it). */
export class RunLockedError extends Error {
  constructor(
    message: string,
    readonly holder: RunLockHolder | null,
  ) {
    super(message);
    this.name = 'RunLockedError';
  }
}

/** A lock taken with `lockRunDirectory`; `release` removes it (only if it is still ours) and is safe to call twice. */
export interface RunLock {
  readonly path: string;
  readonly holder: RunLockHolder;
  release(): Promise<void>;
}

/**
 * Takes the lock of a run directory: `DIR/run.lock` created exclusively (`open(..., 'wx')`)
 * with this process's PID, host and the time. A lock held by a live process, or by a
 * process on another host (whose liveness cannot be checked here), is refused with a
 * `RunLockedError` naming the holder. A stale lock (this host, a PID that no longer exists)
 * is taken over with one `warn` line. The lock is also removed when the process exits
 * without releasing it (an uncaught error, `process.exit`); a SIGKILL leaves it stale.
 *
 * Two processes that find the same stale lock at the same instant can both take it over;
 * that window is a few system calls wide.
 *
 * @example
 * const lock = await lockRunDirectory('runs/simclr-mnist', { warn: console.error });
 * try { await train(...); } finally { await lock.release(); }
 */
export async function lockRunDirectory(directory: string, options: { warn?: (line: string) => void } = {}): Promise<RunLock> {
  const path = join(directory, RUN_LOCK_FILE);
  const holder: RunLockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  const text = `${JSON.stringify(holder)}\n`;
  // Two tries: the second after removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx');
      try {
        await file.writeFile(text);
        await file.sync();
      } finally {
        await file.close();
      }
      return heldLock(path, holder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const existing = await readHolder(path);
    if (existing === 'gone') continue;
    if (existing === null) {
      throw new RunLockedError(
        `'${directory}' is locked by ${path}, which does not name its holder; if no selfsup process is writing to this directory, delete that file`,
        null,
      );
    }
    if (attempt > 0 || !isStale(existing)) {
      const otherHost = existing.host === holder.host ? '' : '; if that process is gone, delete the lock';
      throw new RunLockedError(
        `'${directory}' is in use by another selfsup run: PID ${existing.pid} on ${existing.host} since ${existing.since} (${path}); wait for it to finish or stop it${otherHost}`,
        existing,
      );
    }
    (options.warn ?? console.warn)(
      `selfsup: taking over the stale lock ${path} of PID ${existing.pid} on ${existing.host} (since ${existing.since}), which is no longer running`,
    );
    await unlink(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  // Unreachable: the loop returns or throws.
  throw new Error(`lockRunDirectory: could not take ${path}`);
}

/** Whether a lock's holder is gone: on this host, its PID no longer exists (`kill(pid, 0)` fails with ESRCH). */
function isStale(holder: RunLockHolder): boolean {
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function readHolder(path: string): Promise<RunLockHolder | null | 'gone'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  return parseHolder(text);
}

function parseHolder(text: string): RunLockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<RunLockHolder>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return null;
    return { pid: value.pid, host: value.host, since: String(value.since), token: String(value.token) };
  } catch {
    return null;
  }
}

function heldLock(path: string, holder: RunLockHolder): RunLock {
  let released = false;
  // Removes the lock only while it is still ours (a process that took over a lock it thought stale owns it now).
  const releaseSync = () => {
    if (released) return;
    released = true;
    process.off('exit', releaseSync);
    try {
      if (parseHolder(readFileSync(path, 'utf8'))?.token === holder.token) unlinkSync(path);
    } catch {
      // Already gone.
    }
  };
  process.on('exit', releaseSync);
  return { path, holder, release: async () => releaseSync() };
}
