import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.js';
import { createCluster, postgresBin, type Cluster } from '../support/cluster.js';
import { newServerDatabase, serverUrl } from '../support/databases.js';
import { KEY, renderApp, type Rendered } from './support.js';

let app: Rendered | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

/** Runs SQL the way a colleague would: with psql, in a session of its own. */
function psql(url: string, sql: string): string {
  const r = spawnSync('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return r.stdout.trim();
}

const selected = (frame: string) => /^› (.+?) {2,}/m.exec(frame)?.[1];

describe.skipIf(!serverUrl())('live refresh: changes by anyone show up in the open list', () => {
  let url: string;
  let db: Database;
  beforeAll(async () => {
    url = await newServerDatabase();
    db = await Database.open({ kind: 'server', url, source: 'flag' });
    await db.migrations.up();
    await db.seeds.run();
  });
  afterAll(() => db?.close());

  it('a row inserted with psql appears without a keypress, and the selection stays on the same movie', async () => {
    app = renderApp(db);
    await app.waitFor('7 movies');
    await app.press('j', 'j', 'j');
    expect(selected(app.frame())).toBe('Pulp Fiction');
    psql(url, `insert into movie (title, year, directors) values ('Alien', 1979, '{Ridley Scott}')`);
    await app.waitFor(/^ {2}Alien +1979 +Ridley Scott/m);
    await app.waitFor('8 movies');
    expect(selected(app.frame())).toBe('Pulp Fiction');
  });

  it('an update and a delete by another session refresh the list in place; a deleted selection moves to its neighbour', async () => {
    app = renderApp(db);
    await app.waitFor(/\d movies/);
    await app.press('/');
    await app.type('the');
    await app.press(KEY.enter);
    await app.waitFor('2 movies matching "the"');
    await app.waitFor((f) => selected(f) === 'The Dark Knight');
    psql(url, `update movie set title = 'The Dark Knight Returns' where title = 'The Dark Knight'`);
    await app.waitFor(/^› The Dark Knight Returns /m);
    psql(url, `delete from movie where title = 'The Dark Knight Returns'`);
    await app.waitFor('1 movie matching "the"');
    // The count and the page are read apart: the count may show before the page moves on.
    await app.waitFor((f) => selected(f) === 'The Matrix');
  });

  it('a second app on the same server sees the first one save', async () => {
    const other = await Database.open({ kind: 'server', url, source: 'flag' });
    try {
      app = renderApp(db);
      await app.waitFor(/\d movies/);
      const [jaws] = (await other.movies.list({ search: 'Jaws' })).movies;
      await other.movies.update(jaws!.id, { year: 1976 }, jaws!.version);
      await app.waitFor(/^ {2}Jaws +1976 /m);
    } finally {
      await other.close();
    }
  });
});

describe.skipIf(!postgresBin() && process.env.REQUIRE_PG !== '1')('a server that goes away and comes back', { timeout: 120_000 }, () => {
  let cluster: Cluster;
  let db: Database;
  beforeAll(async () => {
    cluster = await createCluster();
    db = await Database.open({ kind: 'server', url: cluster.url, source: 'flag' });
    await db.migrations.up();
    await db.seeds.run();
  });
  afterAll(async () => {
    await db?.close();
    cluster?.remove();
  });

  it('shows a banner that retries by itself; the list and a half-typed form stay; after a restart saving works', async () => {
    app = renderApp(db);
    await app.waitFor('7 movies');
    await app.press('a');
    await app.waitFor('Add a movie');
    await app.type('Alien');
    await app.press(KEY.tab);
    await app.type('1979');
    await app.press(KEY.tab);
    await app.type('Ridley Scott');

    cluster.stop();
    await app.waitFor('Lost the connection to the database');
    await app.waitFor(/retrying in \d+ s \(attempt \d+\)/);
    await app.press(KEY.ctrlS);
    await app.waitFor('nothing was saved. Your input is kept');
    expect(app.frame()).toContain('Alien');
    expect(app.frame()).toContain('Ridley Scott');

    cluster.start();
    await app.waitFor(() => !app!.frame().includes('Lost the connection'), 30_000);
    await app.press(KEY.ctrlS);
    await app.waitFor('added Alien (1979)');
    await app.waitFor('8 movies');
    expect((await db.movies.list({ search: 'Alien' })).movies.map((m) => m.title)).toEqual(['Alien']);
  });
});
