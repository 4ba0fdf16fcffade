import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { describeEachDatabase } from './support/databases.js';

describeEachDatabase('the default seeder', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb.open();
    await db.migrations.up();
  });
  afterAll(() => db?.close());

  it("inserts the course's seven movies, with directors as arrays", async () => {
    expect(await db.seeds.run()).toEqual({ inserted: 7, skipped: 0 });
    const { movies } = await db.movies.list();
    expect(movies).toHaveLength(7);
    expect(movies.find((m) => m.title === 'The Matrix')).toMatchObject({ year: 1999, directors: ['Lana Wachowski', 'Lilly Wachowski'] });
    expect((await db.movies.list({ search: 'christopher nolan', sort: 'year' })).movies.map((m) => [m.title, m.year])).toEqual([
      ['The Dark Knight', 2008],
      ['Inception', 2010],
      ['Interstellar', 2014],
    ]);
    expect(new Set(movies.map((m) => m.directors.join())).size).toBe(5);
  });

  it('rerunning inserts nothing new and reports inserted 0, skipped 7', async () => {
    expect(await db.seeds.run()).toEqual({ inserted: 0, skipped: 7 });
    expect((await db.movies.count()).count).toBe(7);
  });

  it('skips only what is there: a deleted movie comes back, the rest are skipped', async () => {
    const [jaws] = (await db.movies.list({ search: 'jaws' })).movies;
    await db.movies.delete(jaws!.id);
    expect(await db.seeds.run()).toEqual({ inserted: 1, skipped: 6 });
  });

  it('seeds a database that does not have the mpa column yet', async () => {
    await db.migrations.down('add_mpa_column');
    try {
      const [jaws] = (await db.movies.list({ search: 'jaws' })).movies;
      await db.movies.delete(jaws!.id);
      expect(await db.seeds.run()).toEqual({ inserted: 1, skipped: 6 });
    } finally {
      await db.migrations.up();
    }
  });
});
