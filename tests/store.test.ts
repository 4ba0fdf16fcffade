import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { DuplicateMovieError, NotFoundError, ValidationError } from '../src/db/errors.js';
import { describeEachDatabase } from './support/databases.js';

const matrix = { title: 'The Matrix', year: 1999, directors: ['Lana Wachowski', 'Lilly Wachowski'], mpa: 'R' };

describeEachDatabase('movie store', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb.open();
    await db.migrations.up();
  });
  afterAll(() => db?.close());

  const countRows = async () => (await db.movies.count()).count;

  it('adds a movie and reads it back as plain data, directors as an array', async () => {
    const saved = await db.movies.create(matrix);
    expect(saved).toEqual({ id: expect.any(Number), ...matrix, theatre: true, version: 1 });
    expect(await db.movies.get(saved.id)).toEqual(saved);
  });

  it('stores commas and quotes inside director names exactly', async () => {
    const saved = await db.movies.create({ title: 'Do the Right Thing', year: 1989, directors: ['Lee, Spike', 'A "quoted" name', '{braces}'] });
    expect((await db.movies.get(saved.id)).directors).toEqual(['Lee, Spike', 'A "quoted" name', '{braces}']);
    await db.movies.delete(saved.id);
  });

  it('saving a movie with an empty title says "title: is required" and writes nothing', async () => {
    const before = await countRows();
    await expect(db.movies.create({ ...matrix, title: ' ' })).rejects.toThrow('title: is required');
    expect(await countRows()).toBe(before);
  });

  it('refuses the same movie twice (title ignoring case, same year) with a clear message', async () => {
    const before = await countRows();
    const attempt = db.movies.create({ ...matrix, title: 'the MATRIX' });
    await expect(attempt).rejects.toThrow(DuplicateMovieError);
    await expect(db.movies.create({ ...matrix, title: 'the MATRIX' })).rejects.toThrow('a movie titled "the MATRIX" (1999) already exists');
    expect(await countRows()).toBe(before);
    // Same title, another year: a remake is a different movie.
    const remake = await db.movies.create({ ...matrix, year: 2031 });
    await db.movies.delete(remake.id);
  });

  it('edits only the given fields, validates the result, and refuses edits into a duplicate', async () => {
    const heat = await db.movies.create({ title: 'Heat', year: 1995, directors: ['Michael Mann'] });
    const edited = await db.movies.update(heat.id, { mpa: 'R', theatre: false });
    expect(edited).toEqual({ ...heat, mpa: 'R', theatre: false, version: 2 });
    await expect(db.movies.update(heat.id, { year: 3000 })).rejects.toThrow(ValidationError);
    await expect(db.movies.update(heat.id, { title: 'The Matrix', year: 1999 })).rejects.toThrow(DuplicateMovieError);
    expect(await db.movies.get(heat.id)).toEqual(edited);
    await db.movies.update(heat.id, { mpa: null });
    expect((await db.movies.get(heat.id)).mpa).toBeNull();
    await db.movies.delete(heat.id);
  });

  it('deleting returns the movie; a missing id is a clear "no movie with id" error', async () => {
    const jaws = await db.movies.create({ title: 'Jaws', year: 1975, directors: ['Steven Spielberg'] });
    expect(await db.movies.delete(jaws.id)).toEqual(jaws);
    await expect(db.movies.delete(jaws.id)).rejects.toThrow(NotFoundError);
    await expect(db.movies.get(jaws.id)).rejects.toThrow(`no movie with id ${jaws.id}`);
    await expect(db.movies.update(jaws.id, { year: 1976 })).rejects.toThrow(NotFoundError);
  });

  it('pages forwards and backwards by keyset in every sort order, without gaps or repeats', async () => {
    const films = Array.from({ length: 23 }, (_, i) => ({ title: `${i % 2 ? 'page' : 'Page'} film ${String(i).padStart(2, '0')}`, year: 1950 + (i % 5), directors: ['Pager'] }));
    for (const f of films) await db.movies.create(f);
    for (const sort of ['title', 'year', 'id'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const seen: number[] = [];
        let page = await db.movies.list({ search: 'pager', sort, direction, limit: 5 });
        const pages = [page];
        while (page.more) {
          page = await db.movies.list({ search: 'pager', sort, direction, limit: 5, after: db.movies.cursorOf(page.movies.at(-1)!, sort) });
          pages.push(page);
        }
        for (const p of pages) seen.push(...p.movies.map((m) => m.id));
        expect(seen).toHaveLength(23);
        expect(new Set(seen).size).toBe(23);
        const all = (await db.movies.list({ search: 'pager', sort, direction, limit: 100 })).movies.map((m) => m.id);
        expect(seen).toEqual(all);
        // Back from the last page: the page before it, in list order.
        const last = pages.at(-1)!.movies[0]!;
        const back = await db.movies.list({ search: 'pager', sort, direction, limit: 5, before: db.movies.cursorOf(last, sort) });
        expect(back.movies.map((m) => m.id)).toEqual(pages.at(-2)!.movies.map((m) => m.id));
      }
    }
    const byTitle = (await db.movies.list({ search: 'pager', sort: 'title', limit: 3 })).movies.map((m) => m.title);
    expect(byTitle).toEqual(['Page film 00', 'page film 01', 'Page film 02']);
  });

  it('searches title and directors ignoring case, treating % and _ literally', async () => {
    await db.movies.create({ title: '100% Wolf', year: 2020, directors: ['Alexs Stadermann'] });
    expect((await db.movies.list({ search: 'wachowski' })).movies.map((m) => m.title)).toEqual(['The Matrix']);
    expect((await db.movies.list({ search: 'MATR' })).movies.map((m) => m.title)).toEqual(['The Matrix']);
    expect((await db.movies.list({ search: '100%' })).movies.map((m) => m.title)).toEqual(['100% Wolf']);
    expect((await db.movies.list({ search: '%' })).movies.map((m) => m.title)).toEqual(['100% Wolf']);
    expect((await db.movies.list({ search: '_' })).movies).toEqual([]);
    expect(await db.movies.count('wachowski')).toEqual({ count: 1, exact: true });
  });

  it('counts exactly for a small table', async () => {
    const all = await db.movies.list({ limit: 1000 });
    expect(await db.movies.count()).toEqual({ count: all.movies.length, exact: true });
  });

  it('follows the schema: without the mpa column, movies have no mpa and a rating is refused', async () => {
    await db.migrations.down('add_mpa_column');
    try {
      expect(await db.movies.hasMpa()).toBe(false);
      const [first] = (await db.movies.list({ limit: 1 })).movies;
      expect(first).not.toHaveProperty('mpa');
      await expect(db.movies.create({ title: 'Alien', year: 1979, directors: ['Ridley Scott'], mpa: 'R' })).rejects.toThrow(/mpa: this database has no mpa column/);
      const alien = await db.movies.create({ title: 'Alien', year: 1979, directors: ['Ridley Scott'] });
      expect(alien).toEqual({ id: alien.id, title: 'Alien', year: 1979, directors: ['Ridley Scott'], theatre: true });
      // The unique index went with that rollback; duplicates are still refused.
      await expect(db.movies.create({ title: 'ALIEN', year: 1979, directors: ['Someone'] })).rejects.toThrow(DuplicateMovieError);
      const other = await db.movies.create({ title: 'Aliens', year: 1986, directors: ['James Cameron'] });
      await expect(db.movies.update(other.id, { title: 'alien', year: 1979 })).rejects.toThrow(DuplicateMovieError);
    } finally {
      await db.migrations.up();
    }
    expect(await db.movies.hasMpa()).toBe(true);
  });
});
