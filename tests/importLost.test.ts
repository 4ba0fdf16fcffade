import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, run, start } from './support/cli.js';
import type { PtyApp } from './support/pty.js';
import { createCluster, postgresBin, type Cluster } from './support/cluster.js';
import { newServerDatabase, serverUrl } from './support/databases.js';
import { copyThenLose, count, csvRows, dbName, expectLostAndAlive, intoFifo, openImport, query, sessionIn, stopAtCopy, write } from './support/lostImport.js';

/**
 * The server lost in the middle of `movies-tui import`: while it reads its input (the COPY
 * open), during the COPY, and at the final INSERT. One line, exit 1, nothing written: never
 * Node's "Unhandled 'error' event" stack. Each point is reached by watching the server
 * (pg_stat_activity), not by sleeping.
 */
const LOST = 'movies-tui: the server went away; nothing was imported\n';

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
    await stopAtCopy(cluster)();
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

  // A file of several 4 MB chunks: the import stops reading at the first chunk after the loss.
  // It must close the file too: a fifo's writer (or a file left open for the app's lifetime) would wait forever.
  it('mid-file (several chunks): the import says the server went away, closes the file, and the app carries on', async () => {
    const fifo = join(dir, 'chunks.csv');
    spawnSync('mkfifo', [fifo]);
    // 300,000 rows: the first half alone is more than one chunk, so COPY data is on the wire when the backend dies.
    const rows = `title,year,directors\n${csvRows(0, 300_000)}`;
    app = await openImport(cleanEnv({ DATABASE_URL: url }), dir, 'chunks.csv', () => intoFifo(fifo, rows));
    await app.press('y');
    const out = await intoFifo(fifo, rows.slice(0, rows.length / 2), false);
    await query(serverUrl(), 'select pg_terminate_backend($1)', [await sessionIn(serverUrl(), dbName(url), /^copy /i)]);
    // The rest either is read or fails (EPIPE) once the import has closed the file; it must not block.
    const rest = write(out, rows.slice(rows.length / 2)).then(() => 'read', () => 'closed');
    const stuck = new Promise<string>((resolve) => setTimeout(() => resolve('stuck: the import stopped reading the file but kept it open'), 30_000));
    expect(await Promise.race([rest, stuck])).toMatch(/^(read|closed)$/);
    out.destroy();
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
    await copyThenLose(fifo, rows, stopAtCopy(cluster));
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
