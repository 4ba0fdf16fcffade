// The model of a project as the Model screen uses it (ModelService on the open database): its
// columns beside the live table's, edits of the model file from the app, and the file changed
// by hand noticed and reloaded, so `migrate create` follows the new model. On both databases.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { initProject } from '../src/cli/init.js';
import { Database } from '../src/db/database.js';
import { findProject } from '../src/db/project.js';
import { describeEachDatabase } from './support/databases.js';
import { rawSql } from './support/rawSql.js';

/** Resolves with the next reload's outcome, and how long after `change()` it came. */
function nextReload(db: Database, change: () => void): Promise<{ error?: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const off = db.model.onChange((outcome) => {
      off();
      resolve({ ...outcome, ms: Date.now() - started });
    });
    change();
  });
}

const lineOf = (text: string, part: string) => text.split('\n').findIndex((l) => l.includes(part)) + 1;

describeEachDatabase('the model of a project', (handle) => {
  let db: Database;
  let file: string;
  let original: string;
  beforeAll(async () => {
    const root = join(mkdtempSync(join(tmpdir(), 'movies-tui-model-')), 'films');
    initProject(root);
    const project = findProject(root)!;
    file = project.model;
    original = readFileSync(file, 'utf8');
    db = await Database.open({ ...handle.target, project });
    await db.migrations.up();
    await db.seeds.run();
  }, 60_000);
  afterAll(() => db?.close());

  it('shows the model beside the live table, the same column by column after init', async () => {
    const state = await db.model.state();
    expect(state.file).toBe('model/movie.ts');
    expect(state.error).toBeUndefined();
    expect(state.columns.map((c) => [c.name, c.mark])).toEqual(['id', 'title', 'year', 'directors', 'theatre', 'mpa', 'version'].map((n) => [n, '=']));
    expect(state.columns.find((c) => c.name === 'mpa')).toMatchObject({ model: 'varchar(5) null', live: 'varchar(5) null' });
  });

  it('adds a column from the app: the file gets one line, and the migration generated adds it', async () => {
    await db.model.add({ name: 'runtime', kind: 'integer', nullable: true });
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(original.replace('    version: p.integer().default(1),\n', '    version: p.integer().default(1),\n    runtime: p.integer().nullable(),\n'));
    expect((await db.model.state()).columns.at(-1)).toMatchObject({ name: 'runtime', model: 'integer null', mark: '+' });
    const created = await db.migrations.create('Add runtime column');
    expect(created?.up).toEqual(['alter table "movie" add column "runtime" int null;']);
    expect(await db.migrations.up()).toEqual([created!.name]);
    expect((await db.model.state()).columns.at(-1)).toMatchObject({ name: 'runtime', live: 'integer null', mark: '=' });
  });

  it('renames a column as a rename: the generated migration renames it and the values stay', async () => {
    await rawSql(db, 'update movie set runtime = 100 + id');
    const before = await rawSql(db, 'select id, runtime from movie order by id');
    await db.model.rename('runtime', 'minutes');
    expect(readFileSync(file, 'utf8')).toContain('    minutes: p.integer().nullable(),\n  },');
    expect((await db.model.state()).columns.at(-1)).toMatchObject({ name: 'minutes', from: 'runtime', mark: '>' });
    const created = await db.migrations.create('Rename runtime');
    expect(created?.up).toEqual(['alter table "movie" rename column "runtime" to "minutes";']);
    expect(created?.down).toEqual(['alter table "movie" rename column "minutes" to "runtime";']);
    await db.migrations.up();
    expect(await rawSql(db, 'select id, minutes as runtime from movie order by id')).toEqual(before);
  });

  it('notices the file edited by hand within a second and generates from the new model', async () => {
    const text = readFileSync(file, 'utf8');
    const reloaded = await nextReload(db, () => writeFileSync(file, text.replace('    minutes: p.integer().nullable(),\n', '    minutes: p.integer().nullable(),\n    // the poster says so\n    released: p.date().nullable(),\n')));
    expect(reloaded.error).toBeUndefined();
    expect(reloaded.ms).toBeLessThan(1000);
    expect((await db.migrations.check()).statements).toEqual(['alter table "movie" add column "released" date null;']);
    expect(await db.movies.modelColumns()).toEqual([{ name: 'minutes', kind: 'integer', nullable: true }]);
    // Back as it was: nothing to generate.
    await nextReload(db, () => writeFileSync(file, text));
    expect((await db.migrations.check()).upToDate).toBe(true);
  });

  it('shows an invalid model with its line and column, and keeps the last good model in use', async () => {
    const good = readFileSync(file, 'utf8');
    const line = lineOf(good, 'minutes: p.integer()');
    const cases: [string, RegExp][] = [
      [good.replace('minutes: p.integer()', 'minutes: p.integr()'), new RegExp(`^model/movie\\.ts:${line}:\\d+: p\\.integr is not a function$`)],
      [good.replace('minutes: p.integer()', "minutes: p.type('integr')"), new RegExp(`^model/movie\\.ts:${line}:5: minutes has the type "integr", which PostgreSQL does not know$`)],
      [good.replace('minutes: p.integer()', 'minutes: p.integer(('), new RegExp(`^model/movie\\.ts:${line}:\\d+: Unexpected token`)],
    ];
    for (const [text, error] of cases) {
      const reloaded = await nextReload(db, () => writeFileSync(file, text));
      expect(reloaded.error).toMatch(error);
      expect((await db.model.state()).error).toMatch(error);
      // The last good model: the database matches it, and the app's columns are its.
      expect((await db.migrations.check()).upToDate).toBe(true);
      expect(await db.movies.modelColumns()).toEqual([{ name: 'minutes', kind: 'integer', nullable: true }]);
      expect((await db.movies.list()).movies.length).toBeGreaterThan(0);
      // Edits from the app wait until the file parses again.
      await expect(db.model.add({ name: 'budget', kind: 'integer', nullable: true })).rejects.toThrow(/model/);
    }
    const fixed = await nextReload(db, () => writeFileSync(file, good));
    expect(fixed.error).toBeUndefined();
    expect((await db.model.state()).error).toBeUndefined();
  });

  it('refuses what it cannot do in one line and leaves the file as it was', async () => {
    const text = readFileSync(file, 'utf8');
    await expect(db.model.drop('title')).rejects.toThrow("title is one of the course's columns the app relies on: it cannot be dropped from here");
    await expect(db.model.add({ name: 'Run Time', kind: 'integer', nullable: true })).rejects.toThrow('"Run Time" is not a column name');
    await expect(db.model.add({ name: 'year', kind: 'integer', nullable: true })).rejects.toThrow('the model already has a property named year');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});
