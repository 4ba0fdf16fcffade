import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MigrationObject } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsList } from '../migrations/index.js';
import { Database } from '../src/db/database.js';
import { MigrationError, UserError } from '../src/db/errors.js';
import { migrationsSourceDir } from '../src/db/paths.js';
import { describeEachDatabase, newServerDatabase, serverUrl } from './support/databases.js';

class Migration20251101000000_broken extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "movie" add column "bogus" int;');
    this.addSql('select * from "no_such_table";');
  }
}
const withBroken: MigrationObject[] = [...migrationsList, { name: 'Migration20251101000000_broken', class: Migration20251101000000_broken }];
const labels = (names: string[]) => names.map((n) => n.replace(/^Migration\d{14}_/, ''));

describeEachDatabase('migrations', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb.open({ migrateNew: false });
  });
  afterAll(() => db?.close());

  it('lists every migration as pending, in order, on an empty database', async () => {
    const status = await db.migrations.status();
    expect(status.map((m) => [m.label, m.applied])).toEqual([
      ['initial', false],
      ['add_mpa_column', false],
      ['unique_title_year', false],
      ['list_indexes', false],
      ['versions_and_changes', false],
    ]);
  });

  it('shows the SQL of pending migrations before anything runs', async () => {
    const plans = await db.migrations.planUp();
    expect(plans.map((p) => [p.label, p.direction])).toEqual([
      ['initial', 'up'],
      ['add_mpa_column', 'up'],
      ['unique_title_year', 'up'],
      ['list_indexes', 'up'],
      ['versions_and_changes', 'up'],
    ]);
    expect(plans[0]!.statements.join('\n')).toMatch(/create table "movie" \("id" serial primary key, "title" varchar\(80\) not null, "year" int not null, "directors" text\[\] not null, "theatre" boolean not null default true\)/);
    expect((await db.migrations.plan('add_mpa_column')).statements).toEqual(['alter table "movie" add column "mpa" varchar(5) null;']);
    expect(await db.migrations.status()).toSatisfy((s: { applied: boolean }[]) => s.every((m) => !m.applied));
  });

  it('applies up to a named migration, recording when', async () => {
    const before = Date.now() - 60_000;
    expect(labels(await db.migrations.up('add_mpa_column'))).toEqual(['initial', 'add_mpa_column']);
    const status = await db.migrations.status();
    expect(status.map((m) => m.applied)).toEqual([true, true, false, false, false]);
    expect(status[0]!.executedAt!.getTime()).toBeGreaterThan(before);
    expect(await db.migrations.up('initial')).toEqual([]);
  });

  it('shows for an applied migration the SQL that would undo it', async () => {
    expect(await db.migrations.plan('add_mpa_column')).toMatchObject({ direction: 'down', statements: ['alter table "movie" drop column "mpa";'] });
    expect((await db.migrations.planDown()).map((p) => p.label)).toEqual(['add_mpa_column']);
    expect((await db.migrations.planDown('initial')).map((p) => p.label)).toEqual(['add_mpa_column', 'initial']);
  });

  it('rolls back one step, and down to a named migration (it and every later one)', async () => {
    await db.migrations.up();
    expect(labels(await db.migrations.down())).toEqual(['versions_and_changes']);
    expect(labels(await db.migrations.down('initial'))).toEqual(['list_indexes', 'unique_title_year', 'add_mpa_column', 'initial']);
    expect((await db.migrations.status()).every((m) => !m.applied)).toBe(true);
    expect((await db.info()).columns).toEqual([]);
    expect(await db.migrations.down()).toEqual([]);
  });

  it('flags the destructive steps of a plan with what they would lose on the live database', async () => {
    await db.migrations.up();
    await db.movies.create({ title: 'Heat', year: 1995, directors: ['Michael Mann'], mpa: 'R' });
    await db.movies.create({ title: 'Jaws', year: 1975, directors: ['Steven Spielberg'], mpa: 'PG' });
    await db.movies.create({ title: 'Alien', year: 1979, directors: ['Ridley Scott'] });
    const mpa = await db.migrations.planDown('add_mpa_column');
    expect(mpa.at(-1)).toMatchObject({ label: 'add_mpa_column', risks: [{ statement: 'alter table "movie" drop column "mpa";', message: 'drops movie.mpa: 2 non-empty values', lost: 2 }] });
    // Dropping indexes and functions loses no data.
    expect(mpa.filter((p) => ['list_indexes', 'unique_title_year'].includes(p.label)).flatMap((p) => p.risks)).toEqual([]);
    const initial = await db.migrations.plan('initial');
    expect(initial.risks).toEqual([{ statement: 'drop table if exists "movie" cascade;', message: 'drops table movie: 3 rows', lost: 3 }]);
    expect((await db.migrations.planUp()).flatMap((p) => p.risks)).toEqual([]);
    await db.migrations.down('initial');
    // With no movie table there is nothing to count, and the plan says so rather than guessing 0.
    expect((await db.migrations.plan('initial', 'down')).risks[0]!.message).toBe('drops table movie: could not count the rows (assume data is lost)');
    expect((await db.migrations.planUp()).flatMap((p) => p.risks)).toEqual([]);
  });

  it('names the known migrations when given an unknown one', async () => {
    await expect(db.migrations.up('nope')).rejects.toThrow('no migration named "nope" (known: initial, add_mpa_column, unique_title_year, list_indexes, versions_and_changes)');
    await expect(db.migrations.plan('nope')).rejects.toThrow(UserError);
  });

  it('finds no drift once every migration is applied', async () => {
    await db.migrations.up();
    expect(await db.migrations.check()).toEqual({ upToDate: true, statements: [] });
  });

  it('a failing migration leaves the database exactly as before and reports the SQL error', async () => {
    await db.movies.create({ title: 'Heat', year: 1995, directors: ['Michael Mann'] });
    const infoBefore = await db.info();
    await db.close(); // the embedded database takes one opener at a time
    const broken = await testDb.open({ migrations: withBroken });
    try {
      const failure = broken.migrations.up();
      await expect(failure).rejects.toThrow(MigrationError);
      await expect(broken.migrations.up()).rejects.toThrow(/nothing was changed: .*relation "no_such_table" does not exist/);
      expect((await broken.migrations.status()).at(-1)).toMatchObject({ label: 'broken', applied: false });
      expect(await broken.info()).toEqual(infoBefore);
    } finally {
      await broken.close();
    }
    db = await testDb.open({ migrateNew: false });
  });

  it('a failing run applies none of its migrations, even the good ones before it', async () => {
    const target = await testDb.fresh();
    const fresh = await Database.open(target, { migrations: withBroken, migrateNew: false });
    try {
      await expect(fresh.migrations.up()).rejects.toThrow(MigrationError);
      expect((await fresh.migrations.status()).every((m) => !m.applied)).toBe(true);
      expect((await fresh.info()).columns).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});

// The embedded database is opened by one process at a time, so reopening it between tests
// above needs the previous handle closed; the server tests below use two at once.
describe.skipIf(!serverUrl())('migrations on a shared server', () => {
  it('two processes migrating at once: one applies, the other waits and finds nothing pending', async () => {
    const url = await newServerDatabase();
    const target = { kind: 'server' as const, url, source: 'flag' as const };
    const [a, b] = await Promise.all([Database.open(target), Database.open(target)]);
    try {
      const results = await Promise.all([a.migrations.up(), b.migrations.up()]);
      expect(results.map((r) => r.length).sort()).toEqual([0, 5]);
      expect((await a.migrations.status()).map((m) => m.applied)).toEqual([true, true, true, true, true]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describeEachDatabase('creating migrations', (testDb) => {
  const dir = mkdtempSync(join(tmpdir(), 'movies-tui-migrations-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(() => {
    for (const f of readdirSync(migrationsSourceDir).filter((f) => f.endsWith('.ts'))) copyFileSync(join(migrationsSourceDir, f), join(dir, f));
  });

  it('from an installed package (no sources), outside a project, says it needs a project or the source checkout', async () => {
    const db = await testDb.open({ migrationsSourceDir: null });
    try {
      await expect(db.migrations.create('add_runtime')).rejects.toThrow(/needs a movies-tui project \(movies-tui init\) or the source checkout/);
    } finally {
      await db.close();
    }
  });

  it('reports drift between model and database, then writes a migration that removes it', async () => {
    // A database migrated without the unique index: the model has it, the database does not.
    const withoutUnique = migrationsList.filter((m) => !m.name.endsWith('_unique_title_year'));
    const db = await testDb.open({ migrations: withoutUnique, migrationsSourceDir: dir });
    let file: string;
    try {
      await db.migrations.up();
      const drift = await db.migrations.check();
      expect(drift.upToDate).toBe(false);
      expect(drift.statements).toEqual(['create unique index "movie_title_year_unique" on "movie" (lower("title"), "year");']);
      await expect(db.migrations.create('?!')).rejects.toThrow(/the message "\?!" has no letters or digits/);
      const created = await db.migrations.create('Title & year, again');
      expect(created!.name).toMatch(/^Migration\d{14}_title_year_again$/);
      expect(created!.up).toEqual(['create unique index "movie_title_year_unique" on "movie" (lower("title"), "year");']);
      // As MikroORM writes it (a constraint, though the index is not one): why the app shows it for review.
      expect(created!.down).toEqual(['alter table "movie" drop constraint "movie_title_year_unique";']);
      for (const statement of [...created!.up, ...created!.down]) expect(readFileSync(created!.file, 'utf8')).toContain(statement);
      expect(readFileSync(created!.file, 'utf8').split('\n')[0]).toBe('// Title & year, again');
      // Pending at once in this session, running what the file says.
      expect((await db.migrations.pending()).map((m) => m.name)).toEqual([created!.name]);
      expect((await db.migrations.plan(created!.name)).statements).toEqual(created!.up);
      expect(await db.migrations.fileOf(created!.name)).toBe(created!.file);
      file = created!.file;
      expect(readFileSync(file, 'utf8')).toContain('create unique index "movie_title_year_unique"');
      expect(readFileSync(join(dir, 'index.ts'), 'utf8')).toContain(`{ name: '${created!.name}', class: ${created!.name} }`);
      expect(created!.needsBuild).toBe(true);
    } finally {
      await db.close();
    }
    // The generated class runs, and afterwards the model and database agree.
    const module = (await import(file)) as Record<string, MigrationObject['class']>;
    const name = Object.keys(module)[0]!;
    const next = await testDb.open({ migrations: [...withoutUnique, { name, class: module[name]! }], migrationsSourceDir: dir });
    try {
      expect(labels(await next.migrations.up())).toEqual(['title_year_again']);
      expect((await next.migrations.check()).upToDate).toBe(true);
      expect(await next.migrations.create('nothing_to_do')).toBeUndefined();
    } finally {
      await next.close();
    }
  });
});

// A function created without "or replace": applying it again fails unless reset dropped it.
class Migration20251102000000_probe_function extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function movie_reset_probe(numeric(10,2)) returns int language sql immutable as $$ select 1 $$;`);
  }
  override async down(): Promise<void> {
    this.addSql('drop function movie_reset_probe(numeric(10,2));');
  }
}

describeEachDatabase('db reset', (testDb) => {
  it('drops the functions every migration creates (read from their SQL), so applying them again succeeds', async () => {
    const db = await testDb.open({ migrateNew: false, migrations: [...migrationsList, { name: 'Migration20251102000000_probe_function', class: Migration20251102000000_probe_function }] });
    try {
      expect(labels(await db.migrations.up())).toContain('probe_function');
      expect(labels(await db.reset())).toEqual(['initial', 'add_mpa_column', 'unique_title_year', 'list_indexes', 'versions_and_changes', 'probe_function']);
    } finally {
      await db.close();
    }
  });
});
