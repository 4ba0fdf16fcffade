// The list sorts by any column of the model, extra ones included: empty values last in either
// direction, ties broken by id, and keyset pages (forwards, backwards, from the end) that add
// up to the whole list exactly, on both databases.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Database } from '../src/db/database.js';
import type { Movie } from '../src/db/movie.js';
import type { SortDirection } from '../src/db/reader.js';
import { describeEachDatabase } from './support/databases.js';
import { projectWithColumns } from './support/project.js';

const COLUMNS = ['runtime', 'tagline', 'released', 'watched_at', 'genres', 'mpa', 'theatre', 'title', 'year', 'id'];

describeEachDatabase('sorting by any column', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    const { target } = await projectWithColumns(testDb.target, [
      'runtime: p.integer().nullable(),',
      'tagline: p.text().nullable(),',
      'released: p.date().nullable(),',
      'watchedAt: p.datetime().nullable(),',
      'genres: p.array().nullable(),',
    ]);
    db = await Database.open(target);
    const words = ['alpha', 'Beta', 'gamma', 'delta'];
    for (let i = 0; i < 23; i++) {
      await db.movies.create({
        title: `Film ${String.fromCharCode(97 + ((i * 7) % 23))}`,
        year: 1990 + (i % 4),
        directors: ['Someone'],
        mpa: i % 3 === 0 ? null : 'PG',
        extra: {
          // Nulls, ties and distinct values mixed.
          runtime: i % 4 === 0 ? null : 90 + (i % 5),
          tagline: i % 5 === 0 ? null : words[i % 4],
          released: i % 3 === 1 ? null : `2000-01-0${1 + (i % 3)}`,
          watched_at: i % 2 === 0 ? null : `2024-05-01 10:00:0${i % 3}`,
          genres: i % 6 === 0 ? null : [words[i % 2]!, 'x'],
        },
      });
    }
  }, 180_000);
  afterAll(() => db?.close());

  async function all(sort: string, direction: SortDirection): Promise<Movie[]> {
    return (await db.movies.list({ sort, direction, limit: 1000 })).movies;
  }

  it('puts empty values last in both directions and breaks ties by id', async () => {
    for (const direction of ['asc', 'desc'] as const) {
      const rows = await all('runtime', direction);
      const values = rows.map((m) => m.extra!.runtime as number | null);
      const firstNull = values.indexOf(null);
      expect(firstNull).toBeGreaterThan(0);
      expect(values.slice(firstNull).every((v) => v === null)).toBe(true);
      const numbers = values.slice(0, firstNull) as number[];
      expect(numbers).toEqual([...numbers].sort((a, b) => (direction === 'asc' ? a - b : b - a)));
      for (let i = 1; i < rows.length; i++) {
        if (values[i] === values[i - 1]) expect(direction === 'asc' ? rows[i]!.id > rows[i - 1]!.id : rows[i]!.id < rows[i - 1]!.id).toBe(true);
      }
    }
    // Text ignoring case.
    const taglines = (await all('tagline', 'asc')).map((m) => m.extra!.tagline);
    expect(taglines.filter((t) => t !== null)).toEqual(['alpha', 'Beta', 'delta', 'gamma'].flatMap((w) => taglines.filter((t) => t === w)));
  });

  it('pages forwards, backwards and from the end add up to the whole list, for every column and direction', async () => {
    for (const sort of COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        const whole = (await all(sort, direction)).map((m) => m.id);
        expect(whole).toHaveLength(23);
        const forwards: number[] = [];
        let page = await db.movies.list({ sort, direction, limit: 4 });
        forwards.push(...page.movies.map((m) => m.id));
        while (page.more) {
          page = await db.movies.list({ sort, direction, limit: 4, after: db.movies.cursorOf(page.movies.at(-1)!, sort) });
          forwards.push(...page.movies.map((m) => m.id));
        }
        expect(forwards, `${sort} ${direction} forwards`).toEqual(whole);
        const backwards: number[] = [];
        page = await db.movies.list({ sort, direction, limit: 4, fromEnd: true });
        backwards.unshift(...page.movies.map((m) => m.id));
        while (page.more) {
          page = await db.movies.list({ sort, direction, limit: 4, before: db.movies.cursorOf(page.movies[0]!, sort) });
          backwards.unshift(...page.movies.map((m) => m.id));
        }
        expect(backwards, `${sort} ${direction} backwards`).toEqual(whole);
      }
    }
  });

  it('a search also matches the text columns the model adds (text and lists), ignoring case, and counts agree', async () => {
    const byTagline = await db.movies.list({ search: 'BETA', limit: 1000 });
    expect(byTagline.movies.length).toBeGreaterThan(0);
    expect(byTagline.movies.every((m) => m.extra!.tagline === 'Beta' || (m.extra!.genres as string[] | null)?.includes('Beta'))).toBe(true);
    expect((await db.movies.count('BETA')).count).toBe(byTagline.movies.length);
    // Only a list column holds "x".
    const byGenre = await db.movies.list({ search: 'x', limit: 1000 });
    expect(byGenre.movies.map((m) => m.id).sort((a, b) => a - b)).toEqual((await all('id', 'asc')).filter((m) => m.extra!.genres !== null).map((m) => m.id));
    // Numbers and dates are not searched as text.
    expect((await db.movies.list({ search: '2000-01-0' })).movies).toEqual([]);
  });

  it('an unknown column is one clear line naming the columns there are', async () => {
    await expect(db.movies.list({ sort: 'nope' })).rejects.toThrow(/^sort: there is no column "nope" to sort by \(columns: title, year, id, directors, theatre, mpa, version, runtime, tagline, released, watched_at, genres\)$/);
  });
});
