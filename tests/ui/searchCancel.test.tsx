import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseApi, MovieService, PageQuery } from '../../src/db/types.js';
import { KEY, embeddedDatabase, renderApp, type Rendered } from './support.js';

const handle = embeddedDatabase({ seed: true });
let app: Rendered | undefined;
afterEach(() => app?.unmount());

/** The real database, recording each list and count the screen asks for; list answers held back while `hold` is set (a busy database). */
function recorded(db: DatabaseApi) {
  const lists: { search?: string; signal?: AbortSignal }[] = [];
  const counts: (string | undefined)[] = [];
  let release: () => void = () => {};
  let held: Promise<void> | undefined;
  const movies: MovieService = Object.assign(Object.create(db.movies) as MovieService, {
    list: async (q: PageQuery) => {
      lists.push({ search: q.search, signal: q.signal });
      const answer = await db.movies.list(q);
      await held;
      return answer;
    },
    count: (s?: string, signal?: AbortSignal) => {
      counts.push(s);
      return db.movies.count(s, signal);
    },
  });
  return {
    db: Object.assign(Object.create(db) as DatabaseApi, { movies }),
    lists,
    counts,
    hold: () => (held = new Promise<void>((r) => (release = r))),
    release: () => {
      held = undefined;
      release();
    },
  };
}

describe('searching while the database is busy', () => {
  it("typing n, o, l cancels the reads for 'n' and 'no'; the count is read once, for 'nol', after the rows", async () => {
    const rec = recorded(handle.db);
    app = renderApp(rec.db);
    await app.waitFor('7 movies');
    rec.lists.length = 0;
    rec.counts.length = 0;
    rec.hold();
    await app.press('/', 'n', 'o', 'l');
    expect(rec.lists.map((l) => [l.search, l.signal?.aborted])).toEqual([
      ['n', true],
      ['no', true],
      ['nol', false],
    ]);
    // No count while the rows are still on their way.
    expect(rec.counts).toEqual([]);
    rec.release();
    await app.waitFor((f) => /\d+ movies? matching "nol"/.test(f) && f.includes('Inception'));
    expect(rec.counts).toEqual(['nol']);
  });

  it('Esc while a search is read cancels it, and the whole list comes back with its count', async () => {
    const rec = recorded(handle.db);
    app = renderApp(rec.db);
    await app.waitFor('7 movies');
    rec.hold();
    await app.press('/', 'z');
    const z = rec.lists.at(-1)!;
    await app.press(KEY.esc);
    rec.release();
    await app.waitFor((f) => f.includes('7 movies') && !f.includes('matching'));
    expect([z.search, z.signal?.aborted]).toEqual(['z', true]);
    expect(rec.counts.filter((c) => c === 'z')).toEqual([]);
  });
});
