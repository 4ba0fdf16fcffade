import type { Command } from 'commander';
import type { Database, OpenOptions } from '../db/database.js';
import { resolveTarget, type Target } from '../db/target.js';
import { track } from './lifecycle.js';

export interface GlobalOptions {
  databaseUrl?: string;
  dataDir?: string;
  verbose?: boolean;
}

export const out = (line = ""): void => void process.stdout.write(`${line}\n`);
export const json = (value: unknown): void => out(JSON.stringify(value, null, 2));

export function targetOf(cmd: Command): Target {
  return resolveTarget(cmd.optsWithGlobals<GlobalOptions>());
}

/** Opens the database for one command and always closes it, also on Ctrl+C. */
export async function withDb<T>(cmd: Command, fn: (db: Database) => Promise<T>, options: OpenOptions = {}): Promise<T> {
  const { openDatabase } = await import('../db/open.js');
  const db = await openDatabase(targetOf(cmd), {
    onCreated: (dir, applied) => process.stderr.write(`movies-tui: created the embedded database in ${dir} and applied ${applied.length} migrations\n`),
    ...options,
  });
  const untrack = track(db);
  try {
    return await fn(db);
  } finally {
    untrack();
    await db.close();
  }
}
