import { spawn, spawnSync } from 'node:child_process';
import type { Database } from '../db/database.js';
import { UserError } from '../db/errors.js';
import { setChildInForeground } from './lifecycle.js';

/** Runs psql on the open database and returns its exit code. The password travels in PGPASSWORD only. */
export async function runPsql(db: Database): Promise<number> {
  if (spawnSync('psql', ['--version'], { stdio: 'ignore' }).error) {
    throw new UserError('psql was not found on PATH; install the PostgreSQL client (e.g. apt install postgresql-client)');
  }
  const settings = db.psqlSettings();
  // The embedded database serves one client at a time: hand it over to psql.
  await db.disconnect();
  const child = spawn('psql', [], { stdio: 'inherit', env: { ...process.env, ...settings } });
  // psql handles Ctrl+C itself (cancels the query); do not let it end us meanwhile.
  setChildInForeground(true);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => resolve(code ?? 1));
    });
  } finally {
    setChildInForeground(false);
  }
}
