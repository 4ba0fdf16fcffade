import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Database } from '../src/db/database.js';
import { openForReading } from '../src/db/readOnly.js';
import { describeEachDatabase } from './support/databases.js';
import { rawSql } from './support/rawSql.js';

describeEachDatabase('reading movies for `list` and `show` without MikroORM', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb.open();
    await db.migrations.up();
    await db.seeds.run();
    // A column the built-in model does not have (added by hand in psql): reads leave it out.
    await rawSql(db, 'alter table movie add column note text');
    await rawSql(db, `update movie set note = 'by hand'`);
  });
  afterAll(() => db?.close());

  it('reads the same pages and movies as the store, with only the model’s columns', async () => {
    const queries = [{ limit: 3 }, { search: 'nolan' }, { sort: 'year', direction: 'desc' as const, limit: 4 }, { sort: 'id', fromEnd: true, limit: 2 }];
    const expected = await Promise.all(queries.map((q) => db.movies.list(q)));
    const one = await db.movies.get(expected[0]!.movies[0]!.id);
    await db.close();
    const reads = await openForReading(testDb.target);
    try {
      expect(reads).not.toBeInstanceOf(Database);
      for (const [i, q] of queries.entries()) expect(await reads.movies.list(q)).toEqual(expected[i]);
      expect(await reads.movies.get(one.id)).toEqual(one);
      expect(one.extra).toBeUndefined();
      const page = expected[0]!.movies;
      expect(await reads.movies.list({ limit: 2, after: reads.movies.cursorOf(page[0]!) })).toEqual({ movies: page.slice(1, 3), more: true });
    } finally {
      await reads.close();
      db = await testDb.open();
    }
  });
});

it('a data dir that does not exist yet is created and migrated (through the full database), as every command does', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'movies-tui-reads-')), 'data');
  const created: string[][] = [];
  const reads = await openForReading({ kind: 'embedded', dataDir }, { onCreated: (_, applied) => created.push(applied) });
  try {
    expect(reads).toBeInstanceOf(Database);
    expect(created[0]).toHaveLength(5);
    expect(await reads.movies.list()).toEqual({ movies: [], more: false });
  } finally {
    await reads.close();
  }
});
