import type { Command } from 'commander';
import type { Database, OpenOptions } from '../db/database.js';
import type { MovieReads } from '../db/readOnly.js';
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

const created: OpenOptions['onCreated'] = (dir, applied) => process.stderr.write(`movies-tui: created the embedded database in ${dir} and applied ${applied.length} migrations\n`);

/** Opens the database for one command and always closes it, also on Ctrl+C. */
export async function withDb<T>(cmd: Command, fn: (db: Database) => Promise<T>, options: OpenOptions = {}): Promise<T> {
  const { openDatabase } = await import('../db/open.js');
  return using(await openDatabase(targetOf(cmd), { onCreated: created, ...options }), fn);
}

/** withDb for a command that only reads movies: without MikroORM where it can (db/readOnly.ts). */
export async function withReads<T>(cmd: Command, fn: (db: MovieReads) => Promise<T>): Promise<T> {
  const { openForReading } = await import('../db/readOnly.js');
  return using(await openForReading(targetOf(cmd), { onCreated: created }), fn);
}

async function using<D extends { close(): Promise<void>; abandon(): void }, T>(db: D, fn: (db: D) => Promise<T>): Promise<T> {
  const untrack = track(db);
  try {
    return await fn(db);
  } finally {
    untrack();
    await db.close();
  }
}
