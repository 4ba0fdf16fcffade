import { afterAll, afterEach, beforeAll, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { describeEachDatabase } from '../support/databases.js';
import { renderApp, type Rendered } from './support.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

const movie = (title: string, mpa?: string) => ({ title, year: 1999, directors: ['Someone'], theatre: true, ...(mpa ? { mpa } : {}) });

/**
 * The migration preview counts what a rollback would lose on the live database: read again when
 * the preview is shown, after changes made anywhere, and on r. (It once kept the counts it read
 * first: "drops table movie: 0 rows" after 11 movies were imported.)
 */
describeEachDatabase('the migration preview counts', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
    await db.migrations.up();
  });
  afterAll(() => db?.close());

  it('are read again on coming back to the screen and on r, after rows and ratings changed elsewhere', async () => {
    app = renderApp(db);
    await app.waitFor('migrations 5/5 applied');
    await app.press('2');
    await app.waitFor('⚠ drops table movie: 0 rows');
    // Rows written elsewhere (an import, a script) while another screen shows.
    await app.press('1');
    await app.waitFor('sorted by title');
    for (let i = 0; i < 11; i++) await db.movies.create(movie(`Imported ${i}`));
    await app.press('2');
    await app.waitFor('⚠ drops table movie: 11 rows');
    // Written while the preview shows: r reads it again.
    await db.movies.create(movie('One more', 'R'));
    await app.press('r');
    await app.waitFor('⚠ drops table movie: 12 rows');
    // The add_mpa_column preview counts the ratings as they are now.
    await app.press('j');
    await app.waitFor('⚠ drops movie.mpa: 1 non-empty values');
    const [first] = (await db.movies.list({ search: 'Imported 0' })).movies;
    await db.movies.update(first!.id, { mpa: 'PG' }, first!.version);
    await app.press('r');
    await app.waitFor('⚠ drops movie.mpa: 2 non-empty values');
    if (target.kind !== 'server') return;
    // On a server, another session's writes are heard: the preview counts again by itself.
    const other = await target.open();
    try {
      await other.movies.create(movie('From psql', 'G'));
      await app.waitFor('⚠ drops movie.mpa: 3 non-empty values');
    } finally {
      await other.close();
    }
  });
});
