import { spawn, spawnSync } from 'node:child_process';
import type { Database } from '../db/database.js';
import { UserError } from '../db/errors.js';
import { setChildInForeground, track } from './lifecycle.js';

/** Runs psql on the open database and returns its exit code. The password travels in PGPASSWORD only. */
export async function runPsql(db: Database): Promise<number> {
  if (spawnSync('psql', ['--version'], { stdio: 'ignore' }).error) {
    throw new UserError('psql was not found on PATH; install the PostgreSQL client (e.g. apt install postgresql-client)');
  }
  const settings = db.psqlSettings();
  // psql has the session to itself while it runs (on the embedded database, others only take turns in it).
  await db.disconnect();
  const child = spawn('psql', [], { stdio: 'inherit', env: { ...process.env, ...settings } });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // On SIGTERM or SIGHUP we close the database: end psql first rather than orphan it.
  const untrack = track({
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
    abandon: () => child.kill('SIGKILL'),
  });
  // psql handles Ctrl+C itself (cancels the query); do not let it end us meanwhile.
  setChildInForeground(true);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => resolve(code ?? 1));
    });
  } finally {
    setChildInForeground(false);
    untrack();
  }
}
