import { afterEach, describe, expect, it } from 'vitest';
import { KEY, embeddedDatabase, heldDatabase, renderApp, type Rendered } from './support.js';

const handle = embeddedDatabase({ seed: true });
let app: Rendered | undefined;
afterEach(() => app?.unmount());

describe('searching while the database is busy', () => {
  it("typing n, o, l cancels the reads for 'n' and 'no'; the count is read once, for 'nol', after the rows", async () => {
    const rec = heldDatabase(handle.db);
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
    const rec = heldDatabase(handle.db);
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
