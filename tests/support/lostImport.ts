// The server lost under an import: helpers shared by importLost.test.ts and hostile.test.ts.
// Each point of an import is reached by watching the server (pg_stat_activity), not by sleeping.
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import pg from 'pg';
import { expect } from 'vitest';
import { CLI } from './cli.js';
import type { Cluster } from './cluster.js';
import { spawnPty, type PtyApp } from './pty.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Polls the server until the import's session is in the given statement; returns its pid. */
export async function sessionIn(adminUrl: string, database: string, statement: RegExp, waiting?: 'Lock'): Promise<number> {
  for (let i = 0; i < 1500; i++) {
    const rows = await query<{ pid: number; query: string; wait_event_type: string | null }>(
      adminUrl,
      `select pid, query, wait_event_type from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and state = 'active'`,
      [database],
    );
    const hit = rows.find((r) => statement.test(r.query) && (!waiting || r.wait_event_type === waiting));
    if (hit) return hit.pid;
    await sleep(20);
  }
  throw new Error(`no session of ${database} reached ${statement}`);
}

export function csvRows(from: number, count: number): string {
  let s = '';
  for (let i = from; i < from + count; i++) s += `Lost ${i},${1900 + (i % 120)},Director ${i % 997}\n`;
  return s;
}

/** Writes to a child's stdin; once it has exited (as it should after the loss) the write fails quietly. */
export const write = (stdin: Writable, text: string) => {
  if (stdin.listenerCount('error') === 0) stdin.on('error', () => {});
  return new Promise<void>((resolve, reject) => stdin.write(text, (err) => (err ? reject(err) : resolve())));
};
export const dbName = (url: string) => new URL(url).pathname.slice(1);
export const count = async (url: string) => Number((await query<{ n: string }>(url, 'select count(*) as n from movie'))[0]!.n);

/** Writes text into a named pipe: the app's import reads it as a file that ends when the writer closes. */
export async function intoFifo(fifo: string, text: string, end = true): Promise<Writable> {
  const out = createWriteStream(fifo);
  out.on('error', () => {});
  await write(out, text);
  if (end) await new Promise<void>((resolve) => out.end(resolve));
  return out;
}

/** The app on the Data screen with `file` (in `dir`) checked and its report on screen, waiting for y. */
export async function openImport(env: NodeJS.ProcessEnv, dir: string, file: string, feed?: () => Promise<unknown>): Promise<PtyApp> {
  const app = spawnPty(process.execPath, [CLI], { env, cols: 100, rows: 30, cwd: dir });
  await app.waitFor('No movies yet');
  await app.press('3');
  await app.waitFor('Press s, i or x.');
  await app.press('i');
  await app.waitFor('Import from (.csv or .json):');
  await app.type(file);
  await app.press('enter');
  await feed?.();
  await app.waitFor(/Import the [\d,]+ valid rows\?/);
  return app;
}

/** The import's result on the Data screen, the status line, and the app still answering keys. */
export async function expectLostAndAlive(app: PtyApp, url: string): Promise<void> {
  await app.waitFor('✗ the server went away; nothing was imported');
  await app.waitFor(/✗ cannot reach the database \(.+\); nothing was changed/);
  expect(await count(url)).toBe(0);
  await app.press('?');
  await app.waitFor(/Everywhere/i);
  app.kill('SIGTERM');
  await app.exited;
}

/** Feeds the app's second read of the pipe (the import itself) half the rows, loses the server, then the rest. */
export async function copyThenLose(fifo: string, rows: string, lose: () => Promise<unknown>): Promise<void> {
  const out = await intoFifo(fifo, rows.slice(0, rows.length / 2), false);
  await lose();
  // The import may stop reading at its next chunk and close the file: then this write fails (EPIPE).
  await write(out, rows.slice(rows.length / 2)).catch(() => {});
  out.end();
}


/** Loses a private cluster's server once the import's COPY is running (for copyThenLose). */
export const stopAtCopy = (cluster: Cluster) => async () => {
  await sessionIn(cluster.url, 'postgres', /^copy /i);
  cluster.stop();
};
