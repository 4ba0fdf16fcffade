import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../src/db/database.js';
import { CancelledError } from '../src/db/errors.js';
import { describeEachDatabase, newServerDatabase, serverUrl } from './support/databases.js';
import { rawSql } from './support/rawSql.js';

const movies = [
  { title: 'Inception', year: 2010, directors: ['Christopher Nolan'] },
  { title: 'Heat', year: 1995, directors: ['Michael Mann'] },
  { title: 'Ran', year: 1985, directors: ['Akira Kurosawa'] },
];

describeEachDatabase('a read given up by its caller', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb.open();
    await db.migrations.up();
    for (const m of movies) await db.movies.create(m);
  });
  afterAll(() => db?.close());

  it('a list or count whose signal already fired is not sent, says CancelledError, and later reads work', async () => {
    const stale = AbortSignal.abort();
    await expect(db.movies.list({ search: 'nolan', signal: stale })).rejects.toThrow(CancelledError);
    await expect(db.movies.count('nolan', stale)).rejects.toThrow(CancelledError);
    const live = new AbortController().signal;
    expect((await db.movies.list({ search: 'nolan', signal: live })).movies.map((m) => m.title)).toEqual(['Inception']);
    expect(await db.movies.count('nolan', live)).toEqual({ count: 1, exact: true });
  });
});

describe.skipIf(!serverUrl())('a search cancelled while it runs on a server', () => {
  let db: Database;
  let watcher: pg.Client;
  const running = async () =>
    Number((await watcher.query(`select count(*) from pg_stat_activity where datname = current_database() and state = 'active' and query ilike '%ilike%' and pid <> pg_backend_pid()`)).rows[0].count);

  beforeAll(async () => {
    const url = await newServerDatabase();
    db = await Database.open({ kind: 'server', url, source: 'flag' });
    await db.migrations.up();
    for (const m of movies) await db.movies.create(m);
    // A search that takes 5 s a row: the directors' text sleeps, and no index spares calling it.
    await rawSql(db, `drop index movie_directors_trgm_index`);
    await rawSql(db, `create or replace function movie_directors_text(text[]) returns text language plpgsql immutable as $$ begin perform pg_sleep(5); return array_to_string($1, ' '); end $$`);
    watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
  });
  afterAll(async () => {
    await watcher?.end();
    await db?.close();
  });

  const stopsOnTheServer = async (read: (signal: AbortSignal) => Promise<unknown>) => {
    const stop = new AbortController();
    const answer = read(stop.signal);
    answer.catch(() => {});
    while ((await running()) === 0) await new Promise((r) => setTimeout(r, 20));
    stop.abort();
    // Without pg_cancel_backend this would wait for the query's 15 s, past the test's timeout.
    await expect(answer).rejects.toThrow(CancelledError);
    expect(await running()).toBe(0);
  };

  it('a list stops on the server when its signal fires, and says CancelledError', () => stopsOnTheServer((signal) => db.movies.list({ search: 'zz', signal })), 10_000);

  it('a count stops the same way', () => stopsOnTheServer((signal) => db.movies.count('zz', signal)), 10_000);

  it('the connections stay healthy: later reads, cancellable or not, are not hit by a stray cancel', async () => {
    await rawSql(db, `create or replace function movie_directors_text(text[]) returns text language sql immutable as $$ select array_to_string($1, ' ') $$`);
    for (let i = 0; i < 10; i++) {
      const signal = new AbortController().signal;
      expect((await db.movies.list({ search: 'kurosawa', signal })).movies.map((m) => m.title)).toEqual(['Ran']);
      expect((await db.movies.count('mann')).count).toBe(1);
    }
  });
});
