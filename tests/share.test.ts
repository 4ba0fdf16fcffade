import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../src/db/changes.js';
import { Database } from '../src/db/database.js';
import { UserError } from '../src/db/errors.js';
import { lockPath, readLock } from '../src/db/lock.js';
import { CLI, cleanEnv, run } from './support/cli.js';
import { newDataDir } from './support/databases.js';
import { spawnPty, type PtyApp } from './support/pty.js';

const hasPsql = !spawnSync('psql', ['--version']).error;
const embedded = (dataDir: string) => ({ kind: 'embedded' as const, dataDir });
const env = (dataDir: string) => cleanEnv({ MOVIES_TUI_DATA_DIR: dataDir });

async function owner(): Promise<{ dataDir: string; db: Database }> {
  const dataDir = newDataDir();
  const db = await Database.open(embedded(dataDir));
  await db.migrations.up();
  return { dataDir, db };
}

let app: PtyApp | undefined;
afterEach(() => {
  app?.kill('SIGKILL');
  app = undefined;
});

describe('a second process on an embedded data dir in use connects through the owner\'s socket', { timeout: 120_000 }, () => {
  it('list, add, db info and psql work from other processes, and the owner hears every change', async () => {
    const { dataDir, db } = await owner();
    const heard: ChangeEvent[] = [];
    db.changes!.subscribe((e) => heard.push(e));
    try {
      await db.movies.create({ title: 'Heat', year: 1995, directors: ['Michael Mann'] });
      const added = await run(['add', '--title', 'Ran', '--year', '1985', '--director', 'Akira Kurosawa'], env(dataDir));
      expect(added).toMatchObject({ code: 0, stderr: '' });
      const listed = await run(['list', '--json'], env(dataDir));
      expect(listed.code).toBe(0);
      expect((JSON.parse(listed.stdout) as { title: string }[]).map((m) => m.title).sort()).toEqual(['Heat', 'Ran']);
      expect((await db.movies.list()).movies.map((m) => m.title).sort()).toEqual(['Heat', 'Ran']);

      const info = await run(['db', 'info'], env(dataDir));
      expect(info.stdout).toContain(`kind:            embedded (shared with PID ${process.pid})`);
      expect(info.stdout).toContain(`database:        embedded (${dataDir}, shared with PID ${process.pid})`);
      expect(info.stdout).toMatch(/movies: +2\b/);

      if (hasPsql) {
        const psql = await run(['psql'], env(dataDir), "insert into movie (title, year, directors) values ('Alien', 1979, '{Ridley Scott}');\nselect count(*) as n from movie;\n");
        expect(psql.code).toBe(0);
        expect(psql.stdout).toMatch(/n\s*\n-+\s*\n\s*3/);
        // The owner's LISTEN is its own business: psql is not shown the notices.
        expect(psql.stdout + psql.stderr).not.toContain('Asynchronous notification');
      }
      for (let i = 0; i < 100 && heard.filter((e) => e.type === 'changed').length < (hasPsql ? 3 : 2); i++) await new Promise((r) => setTimeout(r, 20));
      expect(heard.filter((e) => e.type === 'changed').map((e) => (e as { op: string }).op)).toEqual(hasPsql ? ['insert', 'insert', 'insert'] : ['insert', 'insert']);
    } finally {
      await db.close();
    }
    // The owner gone, the next process opens the data dir itself.
    const info = await run(['db', 'info'], env(dataDir));
    expect(info.stdout).toContain('kind:            embedded\n');
    expect(existsSync(lockPath(dataDir))).toBe(false);
  });

  it('two processes reading and writing at once get their own answers (statements never cross)', async () => {
    const { dataDir, db } = await owner();
    const second = await Database.open(embedded(dataDir)); // the lock is ours: this one joins the socket
    try {
      expect(second.sharedWith).toBe(process.pid);
      expect(second.changes).toBeUndefined();
      const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => db.movies.create({ title: `Movie ${i}`, year: 1950 + i, directors: ['D'] })).map((p) => p.then((m) => m.id)));
      const reads = ids.flatMap((id, i) => [
        db.movies.get(id).then((m) => expect(m.year).toBe(1950 + i)),
        second.movies.get(id).then((m) => expect(m.year).toBe(1950 + i)),
        second.movies.update(id, { year: 2000 + i }).then((m) => expect(m.title).toBe(`Movie ${i}`)),
        db.movies.list({ search: `Movie ${i}` }).then((p) => expect(p.movies[0]?.title).toBe(`Movie ${i}`)),
      ]);
      await Promise.all(reads);
      expect((await db.movies.get(ids[7]!)).year).toBe(2007);
    } finally {
      await second.close();
      await db.close();
    }
  });

  it('migrations from other processes run one at a time: each in one transaction that keeps its turn', async () => {
    const { dataDir, db } = await owner();
    try {
      const down = await run(['migrate', 'down', '--confirm', basename(dataDir)], env(dataDir));
      expect(down).toMatchObject({ code: 0, stderr: '' });
      expect((await db.migrations.status()).filter((m) => !m.applied)).toHaveLength(1);
      // Two at once: one applies it, the other then finds nothing pending (it read inside its transaction).
      const ups = await Promise.all([run(['migrate', 'up'], env(dataDir)), run(['migrate', 'up'], env(dataDir))]);
      expect(ups.map((u) => u.code)).toEqual([0, 0]);
      const said = ups.map((u) => u.stdout).sort();
      expect(said[0]).toMatch(/^applied Migration\w+\n$/);
      expect(said[1]).toBe('nothing to apply: the database is up to date\n');
      expect((await db.migrations.status()).every((m) => m.applied)).toBe(true);
    } finally {
      await db.close();
    }
  });

  it('an import from the second process is refused with one line and changes nothing', async () => {
    const { dataDir, db } = await owner();
    try {
      const file = join(dataDir, 'movies.csv');
      writeFileSync(file, 'title,year,directors\nHeat,1995,Michael Mann\n');
      const result = await run(['import', file], env(dataDir));
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr).toBe(`movies-tui: an import into the embedded database runs in the process that has it open (PID ${process.pid}): import from that movies-tui (Data screen), or quit it and run this again\n`);
      expect((await db.movies.count()).count).toBe(0);
      const second = await Database.open(embedded(dataDir));
      await expect(second.movies.startBulkLoad()).rejects.toThrow(UserError);
      await second.close();
    } finally {
      await db.close();
    }
  });

  it('the open app shows a movie added by another process, without a key; a second app says whose database it uses', async () => {
    const dataDir = newDataDir();
    expect((await run(['migrate', 'up'], env(dataDir))).code).toBe(0);
    app = spawnPty(process.execPath, [CLI], { env: env(dataDir), cols: 200 });
    await app.waitFor('No movies yet', 30_000);
    for (let i = 0; i < 200 && !readLock(lockPath(dataDir))?.socketDir; i++) await new Promise((r) => setTimeout(r, 25));
    const added = await run(['add', '--title', 'Stalker', '--year', '1979', '--director', 'Andrei Tarkovsky'], env(dataDir));
    expect(added).toMatchObject({ code: 0, stderr: '' });
    await app.waitFor('Stalker', 10_000);

    // A second app on the same data dir says whose database it uses.
    const second = spawnPty(process.execPath, [CLI], { env: env(dataDir), cols: 200 });
    try {
      await second.waitFor('Stalker', 30_000);
      await second.waitFor(`shared with PID ${readLock(lockPath(dataDir))!.pid})`);
    } finally {
      second.kill('SIGKILL');
    }
    await app.press('q');
    await app.exited;
    expect(existsSync(lockPath(dataDir))).toBe(false);
  });

  it('a second app whose owner quits says so in one line, in the user\'s terms', async () => {
    const { dataDir, db } = await owner();
    app = spawnPty(process.execPath, [CLI], { env: env(dataDir), cols: 200 });
    await app.waitFor(`shared with PID ${process.pid})`, 30_000);
    await db.close();
    await app.press('r');
    await app.waitFor('the movies-tui whose embedded database this one shared has quit: quit and start again to open it here', 10_000);
    expect(app.screen()).not.toMatch(/ENOENT|\.s\.PGSQL/);
  });
});
