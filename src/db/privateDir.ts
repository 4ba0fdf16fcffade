import { chmodSync, closeSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from './errors.js';

/**
 * Creates `dir` (and its missing parents) readable by its owner only, whatever the umask, and
 * tightens it to 0700 if it already existed with looser modes: the embedded database's files
 * are nobody else's business (PostgreSQL itself refuses a data directory others can read).
 */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  try {
    chmodSync(dir, 0o700);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new UserError(`${dir} can be read by other users (mode ${mode.toString(8)}) and could not be made private (${why}): run chmod 700 ${dir}`);
  }
}

/**
 * Fails with one line naming `dir` unless this process can create files in it: PGlite itself,
 * given a read-only data directory, only says it "failed to initialize properly".
 */
export function assertWritable(dir: string, what: string): void {
  const probe = join(dir, `.movies-tui-write-test-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return; // not created yet: mkdir will say if it cannot be
    const why = code === 'EROFS' ? 'it is on a read-only file system' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : String(code ?? err);
    throw new UserError(`cannot write to ${what} ${dir} (${why}): give your user write access to it (chmod -R u+w ${dir}), or use another directory with --data-dir or MOVIES_TUI_DATA_DIR`);
  }
}
