import { chmodSync, mkdirSync, statSync } from 'node:fs';
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
