import React from 'react';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import type { Movie } from '../../src/db/types.js';
import { KeyRouter } from '../../src/ui/keyRouter.js';
import { MoviesScreen } from '../../src/ui/screens/movies/index.js';
import { createEventBus, ServicesProvider } from '../../src/ui/services.js';
import { describeEachDatabase } from '../support/databases.js';
import { KEY, renderApp, renderElement, TestInput, type Rendered } from './support.js';

let app: Pick<Rendered, 'unmount'> | undefined;
afterEach(() => app?.unmount());

/**
 * Two sessions on one movie table: the app's, and "someone else" writing meanwhile. On a
 * server that is a second connection; the embedded database serves one process, so there
 * the other session's writes go through the same store (the trigger bumps the version alike).
 */
describeEachDatabase('no lost updates', (target) => {
  let db: Database;
  let other: Database;
  beforeAll(async () => {
    db = await target.open();
    await db.migrations.up();
    await db.seeds.run();
    other = target.kind === 'server' ? await target.open() : db;
  });
  afterAll(async () => {
    if (other !== db) await other?.close();
    await db?.close();
  });

  const find = async (search: string): Promise<Movie> => (await db.movies.list({ search })).movies[0]!;

  /** Searches for one movie and opens the edit form on it. */
  async function edit(screen: Awaited<ReturnType<typeof renderApp>>, search: string, title: string) {
    await screen.waitFor('movies ·');
    await screen.press('/');
    await screen.type(search);
    await screen.waitFor('1 movie matching');
    await screen.press(KEY.enter, 'e');
    await screen.waitFor(`Edit "${title}"`);
  }

  it('a save over someone else\'s shows started from, theirs and yours; the merge picked per field is what is stored', async () => {
    const screen = renderApp(db);
    app = screen;
    await edit(screen, 'jaws', 'Jaws');
    await screen.type(' 2');
    await screen.press(KEY.tab, KEY.backspace);
    await screen.type('8');
    await screen.press(KEY.tab);
    await screen.type(' Jr');
    const jaws = await find('jaws');
    await other.movies.update(jaws.id, { title: 'Jaws!', directors: ['S. Spielberg'], theatre: false });

    await screen.press(KEY.ctrlS);
    await screen.waitFor('Someone else saved "Jaws!" meanwhile (version 1 → 2): nothing was written.');
    const frame = screen.frame();
    expect(frame).toMatch(/Started from\s+Theirs \(v2\)\s+Yours/);
    expect(frame).toMatch(/› Title\s+Jaws\s+Jaws!\s+✓ Jaws 2\s+⚠ both changed/);
    expect(frame).toMatch(/Year\s+1975\s+1975\s+✓ 1978\s+you changed/);
    expect(frame).toMatch(/Directors\s+Steven Spielberg\s+S\. Spielberg\s+✓ Steven Spielberg Jr\s+⚠ both changed/);
    expect(frame).toMatch(/Theatre\s+yes\s+✓ no\s+yes\s+they changed/);
    expect(frame).toMatch(/MPA\s+PG\s+PG\s+PG\s*\n/);

    await screen.press('t'); // their title; my year and directors; their theatre (the default)
    await screen.waitFor(/› Title\s+Jaws\s+✓ Jaws!\s+Jaws 2/);
    await screen.press(KEY.ctrlS);
    await screen.waitFor('saved Jaws! (1978)');
    expect(await db.movies.get(jaws.id)).toEqual({ id: jaws.id, title: 'Jaws!', year: 1978, directors: ['Steven Spielberg Jr'], theatre: false, mpa: 'PG', version: 3 });
  });

  it('a third save meanwhile brings the conflict view back with the newer version; Esc returns to the form with the merged values', async () => {
    const screen = renderApp(db);
    app = screen;
    await edit(screen, 'interstellar', 'Interstellar');
    await screen.press(KEY.tab, KEY.backspace);
    await screen.type('5');
    const movie = await find('interstellar');
    await other.movies.update(movie.id, { mpa: 'R' });
    await screen.press(KEY.ctrlS);
    await screen.waitFor(/MPA\s+PG-13\s+✓ R\s+PG-13\s+they changed/);

    await other.movies.update(movie.id, { title: 'Interstellar (IMAX)' });
    await screen.press(KEY.ctrlS);
    await screen.waitFor('meanwhile (version 2 → 3)');
    expect(screen.frame()).toMatch(/Started from\s+Theirs \(v3\)/);
    expect(screen.frame()).toMatch(/Title\s+Interstellar\s+✓ Interstellar \(IMAX\)\s+Interstellar\s+they changed/);
    expect(screen.frame()).toMatch(/Year\s+2014\s+2014\s+✓ 2015\s+you changed/);
    expect((await db.movies.get(movie.id)).year).toBe(2014); // nothing of ours written yet

    await screen.press(KEY.esc);
    await screen.waitFor('Edit "Interstellar"');
    expect(screen.frame()).toContain('Interstellar (IMAX)');
    expect(screen.frame()).toMatch(/Year\s+2015/);
    expect(screen.frame()).toMatch(/MPA\s+R/);
    await screen.press(KEY.ctrlS);
    await screen.waitFor('saved Interstellar (IMAX) (2015)');
    expect(await db.movies.get(movie.id)).toMatchObject({ title: 'Interstellar (IMAX)', year: 2015, mpa: 'R', version: 4 });
  });

  it('a movie deleted by someone else keeps what was typed, writes nothing, and Ctrl+S saves it as a new movie', async () => {
    const screen = renderApp(db);
    app = screen;
    await edit(screen, 'pulp', 'Pulp Fiction');
    await screen.press(KEY.tab, KEY.backspace);
    await screen.type('5');
    const pulp = await find('pulp');
    await other.movies.delete(pulp.id);
    await screen.press(KEY.ctrlS);
    await screen.waitFor('This movie was deleted by someone else. Ctrl+S saves it as a new movie; Esc discards it.');
    expect(screen.frame()).toMatch(/Year\s+1995/);
    expect((await db.movies.list({ search: 'pulp' })).movies).toEqual([]);

    await screen.press(KEY.ctrlS);
    await screen.waitFor('added Pulp Fiction (1995)');
    const again = await find('pulp');
    expect(again).toMatchObject({ title: 'Pulp Fiction', year: 1995, directors: ['Quentin Tarantino'] });
    expect(again.id).not.toBe(pulp.id);
  });

  it('deleting a movie someone else changed meanwhile deletes nothing; one they deleted says so', async () => {
    const screen = renderApp(db);
    app = screen;
    await screen.waitFor('movies ·');
    await screen.press('/');
    await screen.type('spirited');
    await screen.waitFor(/Spirited Away\s+2001/);
    await screen.press(KEY.enter);
    const movie = await find('spirited');
    await other.movies.update(movie.id, { year: 2002 });
    await screen.press('d');
    await screen.waitFor('Delete "Spirited Away" (2001)?');
    await screen.press('y');
    await screen.waitFor('Spirited Away (2001) was changed by someone else meanwhile, so it was not deleted');
    await screen.waitFor(/Spirited Away\s+2002/);
    expect(await db.movies.get(movie.id)).toMatchObject({ year: 2002, version: 2 });

    await other.movies.delete(movie.id);
    await screen.press('d', 'y');
    await screen.waitFor('Spirited Away (2002) was already deleted by someone else');
    await screen.waitFor('No movies match "spirited"');
  });

  it('an open form learns that its movie was saved or deleted underneath it', async () => {
    const errors: unknown[] = [];
    const noop = () => {};
    const input = new TestInput();
    const events = createEventBus();
    const services = { db, status: { info: noop, error: (e: unknown) => errors.push(e), recovered: noop }, events, setDirty: noop };
    const screen = renderElement(
      <KeyRouter onGlobal={noop} input={input}>
        <ServicesProvider value={services}>
          <MoviesScreen active width={100} height={30} />
        </ServicesProvider>
      </KeyRouter>,
      input,
    );
    app = screen;
    await edit(screen, 'inception', 'Inception');
    const inception = await find('inception');
    await other.movies.update(inception.id, { year: 2011 });
    await other.movies.update(inception.id, { theatre: false });
    events.emit({ type: 'rowsChanged' });
    await screen.waitFor('Someone else saved this movie (version 3). Saving will show both versions.');
    await other.movies.delete(inception.id);
    events.emit({ type: 'rowsChanged' });
    await screen.waitFor('This movie was deleted by someone else. Ctrl+S saves it as a new movie; Esc discards it.');
    expect(screen.frame()).toMatch(/Year\s+2010/); // the form still holds what it opened with
    expect(errors).toEqual([]);
  });
});
