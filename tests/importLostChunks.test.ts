import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, run } from './support/cli.js';
import type { PtyApp } from './support/pty.js';
import { newServerDatabase, serverUrl } from './support/databases.js';
import { csvRows, dbName, expectLostAndAlive, intoFifo, openImport, query, sessionIn, write } from './support/lostImport.js';

/**
 * The server lost while an app import of several 4 MB chunks is streaming: the import stops
 * reading the file at the first chunk after the loss. It must close the file too: a fifo's
 * writer (or a file left open for the app's lifetime) would wait forever otherwise.
 */
describe.skipIf(!serverUrl())('the server lost while an app import streams several chunks, with pg_terminate_backend', { timeout: 120_000 }, () => {
  let url: string;
  const dir = mkdtempSync(join(tmpdir(), 'movies-tui-lost-'));
  let app: PtyApp | undefined;
  beforeAll(async () => {
    url = await newServerDatabase();
    expect((await run(['migrate', 'up'], cleanEnv({ DATABASE_URL: url }))).code).toBe(0);
  });
  afterAll(() => app?.kill('SIGKILL'));

  it('mid-file: the import says the server went away, closes the file, and the app carries on', async () => {
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
});
