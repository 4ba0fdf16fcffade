import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cleanEnv, run, start } from './support/cli.js';
import { spawnPty, type PtyApp } from './support/pty.js';
import { createCluster, postgresBin, type Cluster } from './support/cluster.js';
import { newServerDatabase, serverUrl } from './support/databases.js';

/**
 * The server lost in the middle of `movies-tui import`: while it reads its input (the COPY
 * open), during the COPY, and at the final INSERT. One line, exit 1, nothing written: never
 * Node's "Unhandled 'error' event" stack. Each point is reached by watching the server
 * (pg_stat_activity), not by sleeping.
 */
const LOST = 'movies-tui: the server went away; nothing was imported\n';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Polls the server until the import's session is in the given statement; returns its pid. */
async function sessionIn(adminUrl: string, database: string, statement: RegExp, waiting?: 'Lock'): Promise<number> {
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

function csvRows(from: number, count: number): string {
  let s = '';
  for (let i = from; i < from + count; i++) s += `Lost ${i},${1900 + (i % 120)},Director ${i % 997}\n`;
  return s;
}

/** Writes to a child's stdin; once it has exited (as it should after the loss) the write fails quietly. */
const write = (stdin: Writable, text: string) => {
  if (stdin.listenerCount('error') === 0) stdin.on('error', () => {});
  return new Promise<void>((resolve, reject) => stdin.write(text, (err) => (err ? reject(err) : resolve())));
};
const dbName = (url: string) => new URL(url).pathname.slice(1);
const count = async (url: string) => Number((await query<{ n: string }>(url, 'select count(*) as n from movie'))[0]!.n);

describe.skipIf(!serverUrl())('the server lost during `movies-tui import`, with pg_terminate_backend', { timeout: 120_000 }, () => {
  let url: string;
  beforeAll(async () => {
    url = await newServerDatabase();
    expect((await run(['migrate', 'up'], cleanEnv({ DATABASE_URL: url }))).code).toBe(0);
  });

  it('while it reads its input (the COPY waiting for more): one line, exit 1, nothing imported', async () => {
    const child = start(['import', '-', '--format', 'csv'], cleanEnv({ DATABASE_URL: url }));
    await write(child.stdin!, `title,year,directors\n${csvRows(0, 20_000)}`);
    const pid = await sessionIn(serverUrl(), dbName(url), /^copy /i);
    await query(serverUrl(), 'select pg_terminate_backend($1)', [pid]);
    // More input after the loss, then its end: the import must notice and stop.
    await write(child.stdin!, csvRows(20_000, 100_000)).catch(() => {});
    child.stdin!.end();
    const r = await child.result;
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: LOST });
    expect(await count(url)).toBe(0);
  });

  it('at the final INSERT into movie: one line, exit 1, nothing imported', async () => {
    // Hold a lock that INSERT waits for, so the import is caught inside that statement.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('lock table movie in share mode');
      const child = start(['import', '-', '--format', 'csv'], cleanEnv({ DATABASE_URL: url }), `title,year,directors\n${csvRows(0, 5_000)}`);
      const pid = await sessionIn(serverUrl(), dbName(url), /^insert into movie/i, 'Lock');
      await query(serverUrl(), 'select pg_terminate_backend($1)', [pid]);
      const r = await child.result;
      expect(r).toMatchObject({ code: 1, stdout: '', stderr: LOST });
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
    expect(await count(url)).toBe(0);
  });
});

describe.skipIf(!postgresBin())('the server stopped (pg_ctl stop -m fast) during `movies-tui import`', { timeout: 120_000 }, () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await createCluster();
    expect((await run(['migrate', 'up'], cleanEnv({ DATABASE_URL: cluster.url }))).code).toBe(0);
  });
  afterAll(() => cluster?.remove());

  it('during the COPY: one line, exit 1; after a restart the table is as before', async () => {
    const child = start(['import', '-', '--format', 'csv'], cleanEnv({ DATABASE_URL: cluster.url }));
    // More than one 4 MB chunk, so rows have reached the server's COPY.
    await write(child.stdin!, `title,year,directors\n${csvRows(0, 200_000)}`);
    await sessionIn(cluster.url, 'postgres', /^copy /i);
    cluster.stop();
    await write(child.stdin!, csvRows(200_000, 50_000)).catch(() => {});
    child.stdin!.end();
    const r = await child.result;
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe(LOST);
    cluster.start();
    expect(await count(cluster.url)).toBe(0);
  });

  it('before it starts (the server already down): one line saying the connection is refused', async () => {
    cluster.stop();
    try {
      const r = await run(['import', '-', '--format', 'csv'], cleanEnv({ DATABASE_URL: cluster.url }), `title,year,directors\n${csvRows(0, 10)}`);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^movies-tui: cannot connect to .*: connection refused \(is PostgreSQL running on 127\.0\.0\.1:\d+\?\)\n$/);
    } finally {
      cluster.start();
    }
  });
});

/** Writes text into a named pipe: the app's import reads it as a file that ends when the writer closes. */
async function intoFifo(fifo: string, text: string, end = true): Promise<Writable> {
  const out = createWriteStream(fifo);
  out.on('error', () => {});
  await write(out, text);
  if (end) await new Promise<void>((resolve) => out.end(resolve));
  return out;
}

/** The app on the Data screen with `file` (in `dir`) checked and its report on screen, waiting for y. */
async function openImport(env: NodeJS.ProcessEnv, dir: string, file: string, feed?: () => Promise<unknown>): Promise<PtyApp> {
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
async function expectLostAndAlive(app: PtyApp, url: string): Promise<void> {
  await app.waitFor('✗ the server went away; nothing was imported');
  await app.waitFor(/✗ cannot reach the database \(.+\); nothing was changed/);
  expect(await count(url)).toBe(0);
  await app.press('?');
  await app.waitFor(/Everywhere/i);
  app.kill('SIGTERM');
  await app.exited;
}

/** Feeds the app's second read of the pipe (the import itself) half the rows, loses the server, then the rest. */
async function copyThenLose(fifo: string, rows: string, lose: () => Promise<unknown>): Promise<void> {
  const out = await intoFifo(fifo, rows.slice(0, rows.length / 2), false);
  await lose();
  await write(out, rows.slice(rows.length / 2));
  out.end();
}

describe.skipIf(!serverUrl())('the server lost during an import in the app (Data screen, i), with pg_terminate_backend', { timeout: 120_000 }, () => {
  let url: string;
  const dir = mkdtempSync(join(tmpdir(), 'movies-tui-lost-'));
  let app: PtyApp | undefined;
  beforeAll(async () => {
    url = await newServerDatabase();
    expect((await run(['migrate', 'up'], cleanEnv({ DATABASE_URL: url }))).code).toBe(0);
  });
  afterAll(() => app?.kill('SIGKILL'));

  it('during the COPY: the import says the server went away and nothing was imported; the app carries on', async () => {
    const fifo = join(dir, 'copy.csv');
    spawnSync('mkfifo', [fifo]);
    const rows = `title,year,directors\n${csvRows(0, 30_000)}`;
    app = await openImport(cleanEnv({ DATABASE_URL: url }), dir, 'copy.csv', () => intoFifo(fifo, rows));
    await app.press('y');
    await copyThenLose(fifo, rows, async () => query(serverUrl(), 'select pg_terminate_backend($1)', [await sessionIn(serverUrl(), dbName(url), /^copy /i)]));
    await expectLostAndAlive(app, url);
  });

  it('at the final INSERT (terminated while it waits for a lock): the same, and nothing is written', async () => {
    writeFileSync(join(dir, 'insert.csv'), `title,year,directors\n${csvRows(0, 2_000)}`);
    app = await openImport(cleanEnv({ DATABASE_URL: url }), dir, 'insert.csv');
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('lock table movie in share mode');
      await app.press('y');
      const pid = await sessionIn(serverUrl(), dbName(url), /^insert into movie/i, 'Lock');
      await query(serverUrl(), 'select pg_terminate_backend($1)', [pid]);
      await app.waitFor('✗ the server went away; nothing was imported');
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
    await expectLostAndAlive(app, url);
  });
});

describe.skipIf(!postgresBin())('the server stopped (pg_ctl stop -m fast) during an import in the app', { timeout: 120_000 }, () => {
  let cluster: Cluster;
  const dir = mkdtempSync(join(tmpdir(), 'movies-tui-lost-'));
  let app: PtyApp | undefined;
  beforeAll(async () => {
    cluster = await createCluster();
    expect((await run(['migrate', 'up'], cleanEnv({ DATABASE_URL: cluster.url }))).code).toBe(0);
  });
  afterAll(() => {
    app?.kill('SIGKILL');
    cluster?.remove();
  });

  it('during the COPY: the banner shows until the server is back, the import says nothing was imported', async () => {
    const fifo = join(dir, 'stop.csv');
    spawnSync('mkfifo', [fifo]);
    const rows = `title,year,directors\n${csvRows(0, 30_000)}`;
    app = await openImport(cleanEnv({ DATABASE_URL: cluster.url }), dir, 'stop.csv', () => intoFifo(fifo, rows));
    await app.press('y');
    await copyThenLose(fifo, rows, async () => {
      await sessionIn(cluster.url, 'postgres', /^copy /i);
      cluster.stop();
    });
    await app.waitFor('✗ the server went away; nothing was imported');
    await app.waitFor('Lost the connection to the database');
    cluster.start();
    await app.waitForGone('Lost the connection to the database', 30_000);
    expect(await count(cluster.url)).toBe(0);
    app.kill('SIGTERM');
    await app.exited;
  });

  it('while the file is checked (before anything is written): y then says the server went away, with the banner', async () => {
    const fifo = join(dir, 'check.csv');
    spawnSync('mkfifo', [fifo]);
    const rows = `title,year,directors\n${csvRows(0, 30_000)}`;
    app = await openImport(cleanEnv({ DATABASE_URL: cluster.url }), dir, 'check.csv', async () => {
      const out = await intoFifo(fifo, rows.slice(0, rows.length / 2), false);
      cluster.stop();
      await write(out, rows.slice(rows.length / 2));
      out.end();
    });
    await app.press('y');
    await app.waitFor('✗ the server went away; nothing was imported');
    await app.waitFor('Lost the connection to the database');
    cluster.start();
    expect(await count(cluster.url)).toBe(0);
    app.kill('SIGTERM');
    await app.exited;
  });
});
