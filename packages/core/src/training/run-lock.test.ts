import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RUN_LOCK_FILE, RunLockedError, lockRunDirectory } from './run-lock.js';

/** The PID of a process that has exited: a lock holder that is gone. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid as number;

describe('lockRunDirectory', () => {
  const root = mkdtempSync(join(tmpdir(), 'selfsup-lock-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes PID, host and time; refuses a second writer naming the holder; release removes it', async () => {
    const lock = await lockRunDirectory(root);
    const stored = JSON.parse(readFileSync(join(root, RUN_LOCK_FILE), 'utf8'));
    expect(stored).toMatchObject({ pid: process.pid, host: hostname(), since: lock.holder.since });
    const second = lockRunDirectory(root);
    await expect(second).rejects.toThrow(RunLockedError);
    await expect(lockRunDirectory(root)).rejects.toThrow(
      `'${root}' is in use by another selfsup run: PID ${process.pid} on ${hostname()} since ${lock.holder.since} (${join(root, RUN_LOCK_FILE)}); wait for it to finish or stop it`,
    );
    await lock.release();
    await lock.release();
    expect(existsSync(join(root, RUN_LOCK_FILE))).toBe(false);
    await (await lockRunDirectory(root)).release();
  });

  it('takes over a stale lock (this host, its PID gone) with one warning line', async () => {
    const pid = deadPid();
    writeFileSync(join(root, RUN_LOCK_FILE), JSON.stringify({ pid, host: hostname(), since: '2024-01-01T00:00:00.000Z', token: 'old' }));
    const warnings: string[] = [];
    const lock = await lockRunDirectory(root, { warn: (line) => warnings.push(line) });
    expect(warnings).toEqual([
      `selfsup: taking over the stale lock ${join(root, RUN_LOCK_FILE)} of PID ${pid} on ${hostname()} (since 2024-01-01T00:00:00.000Z), which is no longer running`,
    ]);
    expect(JSON.parse(readFileSync(join(root, RUN_LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('refuses a lock of another host (its process cannot be checked) and one that names no holder', async () => {
    writeFileSync(join(root, RUN_LOCK_FILE), JSON.stringify({ pid: deadPid(), host: 'elsewhere', since: 'then', token: 't' }));
    await expect(lockRunDirectory(root)).rejects.toThrow(
      /on elsewhere since then .*; wait for it to finish or stop it; if that process is gone, delete the lock$/,
    );
    writeFileSync(join(root, RUN_LOCK_FILE), '{"pi');
    await expect(lockRunDirectory(root)).rejects.toThrow(`'${root}' is locked by ${join(root, RUN_LOCK_FILE)}, which does not name its holder`);
    rmSync(join(root, RUN_LOCK_FILE));
  });

  it('release leaves alone a lock that another process has taken over since', async () => {
    const lock = await lockRunDirectory(root);
    const other = JSON.stringify({ pid: process.pid, host: hostname(), since: 'now', token: 'theirs' });
    writeFileSync(join(root, RUN_LOCK_FILE), other);
    await lock.release();
    expect(readFileSync(join(root, RUN_LOCK_FILE), 'utf8')).toBe(other);
    rmSync(join(root, RUN_LOCK_FILE));
  });
});
