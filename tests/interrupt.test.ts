import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationObject } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { migrationsList } from '../migrations/index.js';
import { Database } from '../src/db/database.js';
import { MigrationError } from '../src/db/errors.js';
import { lockPath } from '../src/db/lock.js';
import type { Target } from '../src/db/target.js';
import { cleanEnv, envFor, run, start } from './support/cli.js';
import { newDataDir, newServerDatabase, serverUrl } from './support/databases.js';
import { snapshotOf, type Snapshot } from './support/snapshot.js';

/**
 * Ctrl+C, SIGTERM and kill -9 in the middle of an import and of a migration, on the built
 * command: the database must be exactly as before (rows, checksum, schema, migrations), and
 * the embedded one must open again (stale lock reclaimed, PGlite recovered).
 */
const ROWS = 60_000;
const SIGNALS = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGKILL', null],
] as const;
const MB = 1 << 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(what: string, ready: () => boolean | Promise<boolean>, exited: Promise<unknown>): Promise<void> {
  let done = false;
  void exited.then(() => (done = true));
  for (let i = 0; i < 3000; i++) {
    if (await ready()) return;
    if (done) throw new Error(`the command ended before ${what}`);
    await sleep(20);
  }
  throw new Error(`gave up waiting for ${what}`);
}

function csvLines(prefix: string, from: number, count: number): string {
  let s = '';
  for (let i = from; i < from + count; i++) s += `${prefix} ${i},${1900 + (i % 120)},Director ${i % 997};Second ${i}\n`;
  return s;
}

/** Writes to a child's stdin as fast as it reads; resolves once `bytes` were taken (not closing it). */
async function feed(stdin: Writable, prefix: string, bytes: number): Promise<number> {
  let written = 0;
  let rows = 0;
  stdin.write('title,year,directors\n');
  while (written < bytes) {
    const chunk = csvLines(prefix, rows, 2000);
    rows += 2000;
    written += chunk.length;
    await new Promise<void>((resolve, reject) => stdin.write(chunk, (err) => (err ? reject(err) : resolve())));
  }
  return rows;
}


const copies: string[] = [];
const serverCopies: string[] = [];
afterAll(async () => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  if (serverCopies.length === 0) return;
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    for (const name of serverCopies) await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
});

/** A copy of a prepared database, so every interruption starts from the same state. */
async function copyOf(template: Target): Promise<Target> {
  if (template.kind === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'movies-tui-interrupt-'));
    cpSync(template.dataDir, dir, { recursive: true });
    copies.push(dir);
    return { kind: 'embedded', dataDir: dir };
  }
  const url = new URL(template.url);
  const name = `${url.pathname.slice(1)}_${serverCopies.length}`;
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(`create database "${name}" template "${url.pathname.slice(1)}"`);
  } finally {
    await client.end();
  }
  serverCopies.push(name);
  url.pathname = `/${name}`;
  return { ...template, url: url.toString() };
}

/** The files of the embedded cluster's databases: a new one appears when an index build starts. */
const relationFiles = (dataDir: string) =>
  new Set(readdirSync(join(dataDir, 'pgdata/base'), { recursive: true }).map(String));

async function buildingIndex(target: Target, before: Set<string> | undefined): Promise<boolean> {
  if (target.kind === 'embedded') return [...relationFiles(target.dataDir)].some((f) => !before!.has(f));
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const { rows } = await client.query(`select 1 from pg_stat_activity where datname = current_database() and state = 'active' and query ilike 'create index%'`);
    return rows.length > 0;
  } finally {
    await client.end();
  }
}

/** After SIGINT or SIGTERM the embedded database was closed (lock gone); after kill -9 the lock is stale. */
function expectLockAfter(target: Target, signal: string): void {
  if (target.kind === 'embedded') expect(existsSync(lockPath(target.dataDir)), `lock file after ${signal}`).toBe(signal === 'SIGKILL');
}

/** Destroys data, then fails: none of it may stay. */
class Migration20991231000000_destroys_then_fails extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "movie" drop column "mpa";');
    this.addSql('delete from "movie" where "year" < 1950;');
    this.addSql('create index "doomed_index" on "movie" ("year");');
    this.addSql('alter table "movie" alter column "title" type varchar(10) using left("title", 10);');
    this.addSql('select * from "no_such_table";');
  }
}

for (const kind of ['embedded', 'server'] as const) {
  describe.skipIf(kind === 'server' && !serverUrl())(`interrupted commands (${kind})`, { timeout: 600_000 }, () => {
    // Migrated up to unique_title_year, with ROWS movies: list_indexes (and any later migration) is pending.
    let template: Target;
    let before: Snapshot;
    beforeAll(async () => {
      template = kind === 'embedded' ? { kind, dataDir: newDataDir() } : { kind, url: await newServerDatabase(), source: 'flag' };
      const env = envFor(template);
      expect((await run(['migrate', 'up', '--to', 'unique_title_year'], env)).code).toBe(0);
      const file = join(mkdtempSync(join(tmpdir(), 'movies-tui-rows-')), 'movies.csv');
      writeFileSync(file, `title,year,directors\n${csvLines('Stored', 0, ROWS)}`);
      expect(await run(['import', file], env)).toMatchObject({ code: 0 });
      before = await snapshotOf(template);
      expect(before.movies).toBe(ROWS);
    }, 600_000);

    it('a migration that fails after dropping, deleting and narrowing leaves every row and the schema as before', async () => {
      const target = await copyOf(template);
      const list: MigrationObject[] = [...migrationsList, { name: 'Migration20991231000000_destroys_then_fails', class: Migration20991231000000_destroys_then_fails }];
      const db = await Database.open(target, { migrations: list });
      try {
        await expect(db.migrations.up()).rejects.toThrow(MigrationError);
      } finally {
        await db.close();
      }
      expect(await snapshotOf(target)).toEqual(before);
    });

    for (const [signal, code] of SIGNALS) {
      it(`${signal} while an import reads its input: nothing is imported`, async () => {
        const target = await copyOf(template);
        const child = start(['import', '-', '--format', 'csv'], envFor(target));
        // More than two of the importer's 4 MB chunks have gone to the database's staging table; the input is still open.
        await feed(child.stdin!, 'Interrupted', 10 * MB);
        child.kill(signal);
        expect((await child.result).code).toBe(code);
        expectLockAfter(target, signal);
        expect(await snapshotOf(target)).toEqual(before);
      });

      it(`${signal} once the input is complete (staging or moving rows into movie): all or nothing`, async () => {
        const target = await copyOf(template);
        const child = start(['import', '-', '--format', 'csv'], envFor(target));
        const rows = await feed(child.stdin!, 'Complete', 4 * MB);
        child.stdin!.end();
        child.kill(signal);
        const result = await child.result;
        const after = await snapshotOf(target);
        if (result.code === 0) {
          // It finished before the signal arrived: then everything is there.
          expect(after).toMatchObject({ ...before, movies: ROWS + rows, checksum: expect.any(String) });
        } else {
          expect(result.code).toBe(code);
          expect(after).toEqual(before);
        }
      });

      it(`${signal} while migrate up builds indexes: the schema and rows are as before, and the next run applies`, async () => {
        const target = await copyOf(template);
        const files = target.kind === 'embedded' ? relationFiles(target.dataDir) : undefined;
        const child = start(['migrate', 'up'], envFor(target));
        await waitUntil('an index build started', () => buildingIndex(target, files), child.result);
        child.kill(signal);
        expect((await child.result).code).toBe(code);
        expectLockAfter(target, signal);
        expect(await snapshotOf(target)).toEqual(before);

        expect((await run(['migrate', 'up'], envFor(target))).code).toBe(0);
        const after = await snapshotOf(target);
        expect(after.migrations).toEqual(migrationsList.map((m) => m.name));
        expect(after.movies).toBe(ROWS);
      });
    }
  });
}

describe.skipIf(!serverUrl())('two processes migrating one server database at once', () => {
  it('exactly one applies the migrations, the other finds nothing to do; both exit cleanly', async () => {
    const url = await newServerDatabase();
    const env = cleanEnv({ DATABASE_URL: url });
    const [a, b] = await Promise.all([run(['migrate', 'up'], env), run(['migrate', 'up'], env)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const outputs = [a.stdout, b.stdout].sort();
    expect(outputs[0]!.trim().split('\n')).toEqual(migrationsList.map((m) => `applied ${m.name}`));
    expect(outputs[1]).toBe('nothing to apply: the database is up to date\n');
    expect([a.stderr, b.stderr]).toEqual(['', '']);
    expect((await snapshotOf({ kind: 'server', url, source: 'flag' })).migrations).toEqual(migrationsList.map((m) => m.name));
  });
});
