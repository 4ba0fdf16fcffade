import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Database } from '../src/db/database.js';
import { DatabaseInUseError } from '../src/db/errors.js';
import { lockPath, readLock } from '../src/db/lock.js';
import { cleanEnv, run, start } from './support/cli.js';
import { newDataDir } from './support/databases.js';
import { rawSql } from './support/rawSql.js';

const hasPsql = !spawnSync('psql', ['--version']).error;

const embedded = (dataDir: string) => ({ kind: 'embedded' as const, dataDir });
const DIST_DB = resolve(import.meta.dirname, '../dist/src/db/database.js');
const DIST_LIFECYCLE = resolve(import.meta.dirname, '../dist/src/cli/lifecycle.js');

/** A process that opens the embedded database, adds a movie, says "ready", and waits to be killed. */
function holder(dataDir: string) {
  const script = `
    const { Database } = await import(${JSON.stringify(DIST_DB)});
    const db = await Database.open({ kind: 'embedded', dataDir: ${JSON.stringify(dataDir)} });
    await db.migrations.up();
    await db.movies.create({ title: 'Survivor', year: 2001, directors: ['Crash Test'] });
    console.log('ready');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return { child, ready };
}

describe('the embedded database: one process per data dir', () => {
  it('a second process exits with "database in use by PID n" and changes nothing, while the holder is alive and not serving', async () => {
    const dataDir = newDataDir();
    // A live node process named in the lock, with no socket: starting, stopping, or an older movies-tui.
    // (One that serves is shared instead: tests/share.test.ts.)
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      writeFileSync(lockPath(dataDir), JSON.stringify({ pid: child.pid, socketDir: join(dataDir, 'gone') }));
      const result = await run(['--data-dir', dataDir, 'add', '--title', 'Heat', '--year', '1995', '--director', 'Michael Mann'], cleanEnv());
      expect(result).toMatchObject({ code: 1, stderr: `movies-tui: database in use by PID ${child.pid} (node): quit that movies-tui first (its lock file is ${lockPath(dataDir)})\n`, stdout: '' });
      await expect(Database.open(embedded(dataDir))).rejects.toThrow(DatabaseInUseError);
      expect(readLock(lockPath(dataDir))?.pid).toBe(child.pid);
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    // Its process gone, the lock is stale: reclaimed, and nothing was added meanwhile.
    const db = await Database.open(embedded(dataDir));
    try {
      await db.migrations.up();
      expect((await db.movies.count()).count).toBe(0);
    } finally {
      await db.close();
    }
    expect(existsSync(lockPath(dataDir))).toBe(false);
  });

  it('serves on a Unix socket in a directory only the user can open, and keeps the data dir private', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'movies-tui-new-')), 'nested', 'data');
    const steps: string[] = [];
    const db = await Database.open(embedded(dataDir), { onStep: (step) => steps.push(step) });
    try {
      // The first run's slow steps are said as they start (the app shows them under its spinner).
      expect(steps).toEqual([`creating the embedded database (first run only: a few seconds) in ${dataDir}…`, 'applying the 5 migrations to the new database…']);
      const { socketDir } = readLock(lockPath(dataDir))!;
      expect(statSync(socketDir!).mode & 0o777).toBe(0o700);
      expect(statSync(join(socketDir!, '.s.PGSQL.5432')).isSocket()).toBe(true);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(db.psqlSettings()).toEqual({ PGHOST: socketDir, PGPORT: '5432', PGUSER: 'postgres', PGDATABASE: 'postgres' });
      // The first run creates the data dir and applies every migration.
      expect((await db.migrations.status()).every((m) => m.applied)).toBe(true);
    } finally {
      await db.close();
    }
    steps.length = 0;
    await (await Database.open(embedded(dataDir), { onStep: (step) => steps.push(step) })).close();
    expect(steps).toEqual([]);
  });

  it('a first run stopped after initdb (Ctrl+C) is finished by the next start: the migrations are applied then', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'movies-tui-new-')), 'data');
    // Created, never migrated: where a Ctrl+C between initdb and the migrations left it.
    await (await Database.open(embedded(dataDir), { migrateNew: false })).close();
    expect(existsSync(join(dataDir, 'first-run.unfinished'))).toBe(true);
    const steps: string[] = [];
    const db = await Database.open(embedded(dataDir), { onStep: (step) => steps.push(step) });
    try {
      expect(steps.at(-1)).toBe('applying the 5 migrations to the new database…');
      expect((await db.migrations.status()).every((m) => m.applied)).toBe(true);
    } finally {
      await db.close();
    }
    expect(existsSync(join(dataDir, 'first-run.unfinished'))).toBe(false);
  });

  it("keeps PostgreSQL's shared buffers to 16 MB (the default 128 MB was 150 MB of every process's RSS)", async () => {
    const db = await Database.open(embedded(newDataDir()));
    try {
      expect(await rawSql(db, 'show shared_buffers')).toEqual([{ shared_buffers: '16MB' }]);
    } finally {
      await db.close();
    }
  });

  it('reclaims the lock and socket left by a killed process, with the data intact', async () => {
    const dataDir = newDataDir();
    const { child, ready } = holder(dataDir);
    await ready;
    const stale = readLock(lockPath(dataDir))!;
    expect(stale.pid).toBe(child.pid);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    expect(existsSync(stale.socketDir!)).toBe(true);

    const db = await Database.open(embedded(dataDir));
    try {
      expect(existsSync(stale.socketDir!)).toBe(false);
      expect(readLock(lockPath(dataDir))!.pid).toBe(process.pid);
      expect((await db.movies.list()).movies.map((m) => m.title)).toEqual(['Survivor']);
    } finally {
      await db.close();
    }
  });

  it('treats a lock naming our own PID, not taken by us, as stale (PIDs repeat after a crash in a container)', async () => {
    const dataDir = newDataDir();
    writeFileSync(lockPath(dataDir), JSON.stringify({ pid: process.pid, socketDir: join(tmpdir(), 'movies-tui-gone') }));
    const db = await Database.open(embedded(dataDir));
    await db.close();
  });

  it('closes cleanly on SIGINT and SIGTERM, also while still opening: lock and socket removed', async () => {
    for (const [signal, code, delay] of [['SIGINT', 130, 3000], ['SIGTERM', 143, 3000], ['SIGTERM', 143, 300]] as const) {
      const dataDir = newDataDir();
      // The CLI's own exit handling around an open database, held open until the signal.
      const script = `
        const { installExitHandlers, track } = await import(${JSON.stringify(DIST_LIFECYCLE)});
        const { Database } = await import(${JSON.stringify(DIST_DB)});
        installExitHandlers();
        const db = await Database.open({ kind: 'embedded', dataDir: ${JSON.stringify(dataDir)} });
        track(db);
        setInterval(() => {}, 1000);`;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
      for (let i = 0; i < 200 && !readLock(lockPath(dataDir))?.socketDir; i++) await new Promise((r) => setTimeout(r, 25));
      const { socketDir } = readLock(lockPath(dataDir))!;
      await new Promise((r) => setTimeout(r, delay));
      child.kill(signal);
      const exitCode = await new Promise((r) => child.once('exit', (c) => r(c)));
      expect(exitCode).toBe(code);
      expect(existsSync(lockPath(dataDir))).toBe(false);
      expect(existsSync(socketDir!)).toBe(false);
      const db = await Database.open(embedded(dataDir));
      await db.close();
    }
  });

  it.skipIf(!hasPsql)('psql on the embedded database: runs, and SIGTERM ends psql and closes the database', async () => {
    const dataDir = newDataDir();
    const shown = await run(['--data-dir', dataDir, 'psql'], cleanEnv(), 'select 40 + 2 as answer;\n');
    expect(shown).toMatchObject({ code: 0 });
    expect(shown.stdout).toMatch(/answer\s*\n-+\s*\n\s*42/);

    const child = start(['--data-dir', dataDir, 'psql'], cleanEnv());
    for (let i = 0; i < 200 && !readLock(lockPath(dataDir))?.socketDir; i++) await new Promise((r) => setTimeout(r, 25));
    const { socketDir } = readLock(lockPath(dataDir))!;
    await new Promise((r) => setTimeout(r, 3000));
    child.kill('SIGTERM');
    const result = await child.result; // resolves only once psql, holding the same pipes, is gone too
    expect(result.code).toBe(143);
    expect(existsSync(lockPath(dataDir))).toBe(false);
    expect(existsSync(socketDir!)).toBe(false);
  });
});
