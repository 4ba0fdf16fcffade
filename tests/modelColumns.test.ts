// A project's model with more columns than the course's: the store reads and writes them in
// `extra`, by column name, with the values columns.ts describes, on both databases.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openForApp } from '../src/db/appDatabase.js';
import { Database } from '../src/db/database.js';
import { ConflictError, ValidationError } from '../src/db/errors.js';
import type { Target } from '../src/db/target.js';
import { describeEachDatabase } from './support/databases.js';
import { projectWithColumns } from './support/project.js';

const EXTRA = [
  'runtime: p.integer().nullable(),',
  'released: p.date().nullable(),',
  'budget: p.decimal().precision(12).scale(2).nullable(),',
  'tagline: p.string().length(20).nullable(),',
  'genres: p.array().nullable(),',
  'watchedAt: p.datetime().nullable(),',
  'seen: p.boolean().default(false),',
  'studio: p.text(),',
];

const heat = { title: 'Heat', year: 1995, directors: ['Michael Mann'] };

describeEachDatabase('a model with more columns: the store', (testDb) => {
  let db: Database;
  let target: Target;
  beforeAll(async () => {
    ({ target } = await projectWithColumns(testDb.target, EXTRA));
    db = await Database.open(target);
  }, 180_000);
  afterAll(() => db?.close());

  it('knows the model columns beyond the course, by column name, with their kinds', async () => {
    const columns = await db.movies.modelColumns();
    expect(columns).toEqual([
      { name: 'runtime', kind: 'integer', nullable: true },
      { name: 'released', kind: 'date', nullable: true },
      { name: 'budget', kind: 'numeric', precision: 12, scale: 2, nullable: true },
      { name: 'tagline', kind: 'varchar', length: 20, nullable: true },
      { name: 'genres', kind: 'text[]', nullable: true },
      { name: 'watched_at', kind: 'timestamp', nullable: true },
      { name: 'seen', kind: 'boolean', nullable: false, default: 'false' },
      { name: 'studio', kind: 'text', nullable: false },
    ]);
  });

  it('creates a movie with extra values and reads them back as plain values; left-out columns take defaults', async () => {
    const saved = await db.movies.create({
      ...heat,
      extra: { runtime: '170', released: '1995-12-15', budget: '60000000.5', tagline: 'A Los Angeles crime', genres: 'crime; drama', watched_at: '2024-01-02 20:30', studio: 'Warner' },
    });
    const extra = { runtime: 170, released: '1995-12-15', budget: '60000000.50', tagline: 'A Los Angeles crime', genres: ['crime', 'drama'], watched_at: '2024-01-02 20:30:00', seen: false, studio: 'Warner' };
    expect(saved.extra).toEqual(extra);
    expect((await db.movies.get(saved.id)).extra).toEqual(extra);
    const page = await db.movies.list({ search: 'heat' });
    expect(page.movies.map((m) => m.extra)).toEqual([extra]);
  });

  it('refuses bad extra values, naming each column, and writes nothing', async () => {
    const before = (await db.movies.count()).count;
    const attempt = db.movies.create({
      title: 'Ronin',
      year: 1998,
      directors: ['John Frankenheimer'],
      extra: { runtime: 'long', released: '1998-02-30', budget: '1.234', tagline: 'x'.repeat(21), genres: ['a\u001b[31m'], nope: 1 },
    });
    const err = (await attempt.catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.issues).toEqual([
      { field: 'nope', message: 'is not a column of the model' },
      { field: 'runtime', message: 'must be a whole number (such as 142)' },
      { field: 'released', message: 'must be a date as YYYY-MM-DD (such as 1994-10-14)' },
      { field: 'budget', message: 'must have at most 2 digits after the point' },
      { field: 'tagline', message: 'must be at most 20 characters' },
      { field: 'genres', message: expect.stringContaining('must not contain control characters (found U+001B ESC') },
      { field: 'studio', message: 'is required' },
    ]);
    expect((await db.movies.count()).count).toBe(before);
    // Odd text in a text column: the titles' rules.
    await expect(db.movies.create({ ...heat, title: 'Ronin', extra: { studio: 'MGM\u202e' } })).rejects.toThrow(/studio: must not contain bidirectional control/);
  });

  it("the project's seed on a model with a required extra column names the column at each movie's line, and inserts none of them", async () => {
    const before = (await db.movies.count()).count;
    const result = await db.seeds.run();
    expect(result.inserted).toBe(0);
    expect(result.rejected).toHaveLength(7);
    expect(result.rejected![0]).toMatch(/^seeds\/movies\.ts:\d+: studio is required$/);
    expect((await db.movies.count()).count).toBe(before);
  });

  it('updates extras it is given, keeps the others, and still checks versions', async () => {
    const saved = await db.movies.create({ title: 'Collateral', year: 2004, directors: ['Michael Mann'], extra: { runtime: 120, studio: 'DreamWorks' } });
    const updated = await db.movies.update(saved.id, { extra: { runtime: '122', released: '2004-08-06', seen: 'yes' } }, saved.version);
    expect(updated.extra).toMatchObject({ runtime: 122, released: '2004-08-06', seen: true, studio: 'DreamWorks', budget: null });
    expect(updated.version).toBe(saved.version! + 1);
    // Clearing a nullable column; a required one cannot be cleared.
    const cleared = await db.movies.update(saved.id, { extra: { released: '' } });
    expect(cleared.extra?.released).toBeNull();
    await expect(db.movies.update(saved.id, { extra: { studio: ' ' } })).rejects.toThrow('studio: is required');
    // A stale version is a conflict that carries their extras.
    const stale = (await db.movies.update(saved.id, { extra: { runtime: 1 } }, saved.version).catch((e: unknown) => e)) as ConflictError;
    expect(stale).toBeInstanceOf(ConflictError);
    expect(stale.theirs.extra?.runtime).toBe(122);
    expect((await db.movies.get(saved.id)).extra?.runtime).toBe(122);
  });
});

describeEachDatabase('a model with more columns: the app’s early reads', (testDb) => {
  it('the first pages, read before the ORM loads, carry the extra columns too', async () => {
    const { target } = await projectWithColumns(testDb.target, ['runtime: p.integer().nullable(),', 'released: p.date().nullable(),']);
    const setup = await Database.open(target);
    await setup.movies.create({ ...heat, extra: { runtime: 170, released: '1995-12-15' } });
    await setup.close();
    const app = await openForApp(target);
    try {
      const { movies } = await app.movies.list();
      expect(movies.map((m) => m.extra)).toEqual([{ runtime: 170, released: '1995-12-15' }]);
      expect((await app.movies.get(movies[0]!.id)).extra).toEqual({ runtime: 170, released: '1995-12-15' });
      // Once the ORM is there, writes and reads go through it, with the same values.
      const updated = await app.movies.update(movies[0]!.id, { extra: { runtime: 171 } });
      expect(updated.extra).toEqual({ runtime: 171, released: '1995-12-15' });
    } finally {
      await app.close();
    }
  }, 180_000);
});
