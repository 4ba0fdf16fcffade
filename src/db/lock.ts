import { closeSync, openSync, readFileSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseInUseError } from './errors.js';

/** What a lock file records: who holds the data dir, and the socket directory it serves on. */
export interface LockInfo {
  pid: number;
  socketDir?: string;
}

const heldHere = new Set<string>();

export const lockPath = (dataDir: string) => join(dataDir, 'movies-tui.lock');

/**
 * One process per data dir: two PGlite instances on one directory corrupt it.
 * The lock file is created exclusively; a lock whose process is gone is stale,
 * and its socket directory is removed before the lock is taken over.
 */
export class DataDirLock {
  private held = false;
  private socketDir: string | undefined;
  // However the process ends (even process.exit from a signal handler), the lock goes with it.
  private readonly onExit = () => this.release();
  private constructor(private readonly path: string) {}

  static acquire(dataDir: string): DataDirLock {
    const lock = new DataDirLock(lockPath(dataDir));
    for (let attempt = 0; attempt < 5; attempt++) {
      if (lock.tryCreate()) return lock;
      const holder = readLock(lock.path);
      // Our own PID counts as alive only if this process really holds it: after a crash in a
      // container the next process often gets the same PID, and that lock is stale.
      const alive = holder && (holder.pid === process.pid ? heldHere.has(lock.path) : isAlive(holder.pid));
      if (holder && alive) throw new DatabaseInUseError(holder.pid, lock.path, programOf(holder.pid));
      // Stale (or unreadable while another process is writing it: retry after removing).
      if (holder?.socketDir) rmSync(holder.socketDir, { recursive: true, force: true });
      if (holder || attempt > 0) rmSync(lock.path, { force: true });
    }
    throw new Error(`could not take the lock ${lock.path}`);
  }

  /** Records where the socket lives, so a later process can clean it up if this one dies. */
  update(info: Omit<LockInfo, 'pid'>): void {
    this.socketDir = info.socketDir;
    const tmp = JSON.stringify({ pid: process.pid, ...info });
    const fd = openSync(this.path, 'w', 0o600);
    try {
      writeSync(fd, tmp);
    } finally {
      closeSync(fd);
    }
  }

  /** Removes the socket directory and the lock. Synchronous so it can run from process.on('exit'). */
  release(): void {
    if (!this.held) return;
    this.held = false;
    heldHere.delete(this.path);
    process.off('exit', this.onExit);
    if (this.socketDir) rmSync(this.socketDir, { recursive: true, force: true });
    const holder = readLock(this.path);
    if (holder?.pid === process.pid) {
      try {
        unlinkSync(this.path);
      } catch {
        // already gone
      }
    }
  }

  private tryCreate(): boolean {
    let fd: number;
    try {
      fd = openSync(this.path, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
    try {
      writeSync(fd, JSON.stringify({ pid: process.pid }));
    } finally {
      closeSync(fd);
    }
    this.held = true;
    heldHere.add(this.path);
    process.on('exit', this.onExit);
    return true;
  }
}

export function readLock(path: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return Number.isInteger(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The program a process runs (Linux), to tell a live movies-tui from a PID reused by something else. */
function programOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}
