import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { ConflictError, GoneError, NotFoundError } from '../src/db/errors.js';
import { cleanEnv, run } from './support/cli.js';
import { describeEachDatabase, newServerDatabase, serverUrl } from './support/databases.js';

const heat = { title: 'Heat', year: 1995, directors: ['Michael Mann'] };

describeEachDatabase('no lost updates (optimistic locking)', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb.open();
    await db.migrations.up();
  });
  afterAll(() => db?.close());

  it('every update bumps the version, also one made with plain SQL (a trigger does it)', async () => {
    const saved = await db.movies.create({ ...heat, title: 'Heat 1' });
    expect(saved.version).toBe(1);
    expect((await db.movies.update(saved.id, { year: 1996 }, 1)).version).toBe(2);
    const raw = await rawSql(db, `update movie set year = 1997 where id = ${saved.id} returning version`);
    expect(raw).toEqual([{ version: 3 }]);
  });

  it('two sessions edit one movie: the second save is refused with theirs, and nothing of it is written', async () => {
    const movie = await db.movies.create({ ...heat, title: 'Heat 2' });
    // Both opened the form at version 1; the first saves.
    await db.movies.update(movie.id, { year: 1996 }, movie.version);
    const second = db.movies.update(movie.id, { title: 'Heat Two' }, movie.version);
    await expect(second).rejects.toThrow(ConflictError);
    await expect(second).rejects.toThrow(`movie ${movie.id} was changed by someone else (version 1 is now 2); nothing was saved`);
    const err = (await second.catch((e: unknown) => e)) as ConflictError;
    expect(err.theirs).toMatchObject({ title: 'Heat 2', year: 1996, version: 2 });
    expect(await db.movies.get(movie.id)).toMatchObject({ title: 'Heat 2', year: 1996, version: 2 });
    // Saving again from theirs (as the conflict view does) is still checked, and goes through.
    expect(await db.movies.update(movie.id, { title: 'Heat Two' }, err.theirs.version)).toMatchObject({ title: 'Heat Two', year: 1996, version: 3 });
  });

  it('deleting with a stale version is refused and the movie stays; with the current one it goes', async () => {
    const movie = await db.movies.create({ ...heat, title: 'Heat 3' });
    await db.movies.update(movie.id, { mpa: 'R' });
    await expect(db.movies.delete(movie.id, movie.version)).rejects.toThrow(ConflictError);
    expect(await db.movies.get(movie.id)).toMatchObject({ mpa: 'R', version: 2 });
    expect(await db.movies.delete(movie.id, 2)).toMatchObject({ id: movie.id });
  });

  it('editing or deleting a movie someone else deleted says so and writes nothing', async () => {
    const movie = await db.movies.create({ ...heat, title: 'Heat 4' });
    await db.movies.delete(movie.id);
    await expect(db.movies.update(movie.id, { year: 1990 }, movie.version)).rejects.toThrow(GoneError);
    await expect(db.movies.update(movie.id, { year: 1990 }, movie.version)).rejects.toThrow(`movie ${movie.id} was deleted by someone else; nothing was saved`);
    await expect(db.movies.delete(movie.id, movie.version)).rejects.toThrow(GoneError);
    // Without a version the caller never had it: a plain "no movie".
    await expect(db.movies.update(movie.id, { year: 1990 })).rejects.toThrow(NotFoundError);
    expect((await db.movies.list({ search: 'Heat 4' })).movies).toEqual([]);
  });

  it('a write racing another one between its read and its write still loses cleanly', async () => {
    const movie = await db.movies.create({ ...heat, title: 'Heat 5' });
    const writes = await Promise.allSettled([1, 2, 3, 4].map((n) => db.movies.update(movie.id, { year: 1990 + n }, movie.version)));
    expect(writes.filter((w) => w.status === 'fulfilled')).toHaveLength(1);
    for (const w of writes) if (w.status === 'rejected') expect(w.reason).toBeInstanceOf(ConflictError);
    expect((await db.movies.get(movie.id)).version).toBe(2);
  });
});

describe.skipIf(!serverUrl())('no lost updates on the command line', { timeout: 120_000 }, () => {
  it('edit and delete --if-version exit 1 with one line when the movie moved on, and change nothing', async () => {
    const env = cleanEnv({ DATABASE_URL: await newServerDatabase() });
    await run(['migrate', 'up'], env);
    const added = JSON.parse((await run(['add', '--title', 'Heat', '--year', '1995', '--director', 'Michael Mann', '--json'], env)).stdout) as { id: number; version: number };
    expect(added.version).toBe(1);
    expect((await run(['edit', String(added.id), '--year', '1996', '--if-version', '1'], env)).code).toBe(0);

    const stale = await run(['edit', String(added.id), '--title', 'Heat!', '--if-version', '1'], env);
    expect(stale).toMatchObject({ code: 1, stdout: '', stderr: `movies-tui: movie ${added.id} was changed by someone else (version 1 is now 2); nothing was saved\n` });
    const staleDelete = await run(['delete', String(added.id), '--if-version', '1'], env);
    expect(staleDelete.code).toBe(1);
    expect(JSON.parse((await run(['show', String(added.id), '--json'], env)).stdout)).toMatchObject({ title: 'Heat', year: 1996, version: 2 });

    expect((await run(['delete', String(added.id), '--if-version', '2'], env)).code).toBe(0);
    const gone = await run(['edit', String(added.id), '--year', '1997', '--if-version', '2'], env);
    expect(gone).toMatchObject({ code: 1, stderr: `movies-tui: movie ${added.id} was deleted by someone else; nothing was saved\n` });
  });
});

async function rawSql(db: Database, sql: string): Promise<unknown[]> {
  // The store's own reader runs plain SQL; a test may use it to act like psql would.
  return (db.movies as unknown as { sql: (q: string) => Promise<unknown[]> }).sql(sql);
}
