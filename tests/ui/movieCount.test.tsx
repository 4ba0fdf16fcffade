import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.js';
import type { DatabaseApi, MovieService } from '../../src/db/types.js';
import { newDataDir } from '../support/databases.js';
import { KEY, embeddedDatabase, heldDatabase, renderApp, type Rendered } from './support.js';

const handle = embeddedDatabase({ seed: true });
let app: Rendered | undefined;
afterEach(() => app?.unmount());

describe("the Movies screen's count", () => {
  it('a search whose count arrives after End asked for the last page still shows its count', async () => {
    const slow = heldDatabase(handle.db);
    app = renderApp(slow.db);
    await app.waitFor('7 movies');
    slow.hold();
    await app.press('/');
    await app.type('nolan');
    await app.press(KEY.enter, KEY.end);
    slow.release();
    await app.waitFor('3 movies matching "nolan"');
  });

  it('a count that fails says so on the status line; the rows stay', async () => {
    // A real failure: the same database's count on a handle already closed.
    const closed = await Database.open({ kind: 'embedded', dataDir: newDataDir() });
    await closed.close();
    const db = Object.assign(Object.create(handle.db) as DatabaseApi, { movies: Object.assign(Object.create(handle.db.movies) as MovieService, { count: (s?: string) => closed.movies.count(s) }) });
    app = renderApp(db);
    await app.waitFor((f) => f.includes('the number of movies could not be read') && f.includes('Inception'));
    expect(app.frame()).toMatch(/^Movies  · sorted/m);
  });
});
