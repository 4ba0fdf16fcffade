import { afterEach, describe, expect, it } from 'vitest';
import { KEY, renderApp, embeddedDatabase, type Rendered } from './support.js';

const handle = embeddedDatabase({ seed: true });
let app: Rendered | undefined;
afterEach(() => app?.unmount());

/** The titles of the table rows on screen, in order, and which one is selected. */
function rows(frame: string): { titles: string[]; selected?: string } {
  const lines = frame.split('\n').filter((l) => /^[›\s] \S/.test(l) && /\s(1[89]|20)\d\d\s/.test(l));
  const titles = lines.map((l) => l.slice(2).split(/\s{2,}/)[0]!.trim());
  const sel = lines.find((l) => l.startsWith('›'));
  return { titles, selected: sel?.slice(2).split(/\s{2,}/)[0]!.trim() };
}

describe('the Movies screen', () => {
  it('shows the movies sorted by title with the first selected; ↑/↓, j/k, g/G and End move the selection', async () => {
    app = renderApp(handle.db);
    await app.waitFor('7 movies');
    expect(rows(app.frame())).toEqual({
      titles: ['Inception', 'Interstellar', 'Jaws', 'Pulp Fiction', 'Spirited Away', 'The Dark Knight', 'The Matrix'],
      selected: 'Inception',
    });
    expect(app.frame()).toMatch(/Title ↑ +Year +Directors +Theatre +MPA/);
    await app.press('j', KEY.down);
    expect(rows(app.frame()).selected).toBe('Jaws');
    await app.press('k');
    expect(rows(app.frame()).selected).toBe('Interstellar');
    await app.press('G');
    await app.waitFor(() => rows(app!.frame()).selected === 'The Matrix');
    await app.press('g');
    await app.waitFor(() => rows(app!.frame()).selected === 'Inception');
    await app.press(KEY.pageDown);
    await app.waitFor(() => rows(app!.frame()).selected === 'The Matrix');
  });

  it('s cycles the sort: title descending, then year', async () => {
    app = renderApp(handle.db);
    await app.waitFor('7 movies');
    await app.press('s');
    await app.waitFor('sorted by title ↓');
    await app.waitFor(() => rows(app!.frame()).titles[0] === 'The Matrix');
    await app.press('s');
    await app.waitFor('sorted by year ↑');
    await app.waitFor(() => rows(app!.frame()).titles[0] === 'Jaws');
  });

  it('a key typed the moment the search field shows goes into it (a digit does not switch screens)', async () => {
    app = renderApp(handle.db);
    await app.waitFor('7 movies');
    app.stdin.write('/');
    // No pause for effects here: the field's key layer must be in place once it is drawn.
    while (!app.frame().includes('title or director')) await new Promise((r) => setImmediate(r));
    app.stdin.write('4');
    await app.waitFor('0 movies matching "4"');
    expect(app.frame()).toContain('Movies');
  });

  it('a paste with a tab in it is refused by the search field with the reason; the search stays as it was', async () => {
    app = renderApp(handle.db);
    await app.waitFor('7 movies');
    await app.press('/');
    await app.type('nol');
    await app.waitFor('3 movies matching "nol"');
    app.stdin.write('\x1b[200~an\tx\x1b[201~'); // marked as a paste, as a terminal sends it
    await app.waitFor('✗ must not contain control characters (found U+0009 tab)');
    expect(app.frame()).toContain('3 movies matching "nol"');
    await app.type('a');
    await app.waitFor('3 movies matching "nola"');
    expect(app.frame()).not.toContain('✗');
  });

  it('a 1 MB bracketed paste into the search, read in 4 KB pieces, is refused at once with "at most 200 characters"; the next key is answered', async () => {
    app = renderApp(handle.db);
    await app.waitFor('7 movies');
    await app.press('/');
    await app.type('nol');
    await app.waitFor('3 movies matching "nol"');
    const paste = `\x1b[200~${'x'.repeat(1 << 20)}\x1b[201~`;
    const started = performance.now();
    for (let i = 0; i < paste.length; i += 4096) app.stdin.write(paste.slice(i, i + 4096));
    while (!app.frame().includes('at most 200 characters')) await new Promise((r) => setImmediate(r));
    const took = performance.now() - started;
    // Typically a few ms (the app on main took ~50 s for 100 KB); the bound leaves room for a busy machine.
    expect(took).toBeLessThan(5_000);
    expect(app.frame()).toContain('3 movies matching "nol"');
    await app.type('a');
    await app.waitFor('3 movies matching "nola"');
  });

  it('/ searches titles and directors as you type; Esc clears the search', async () => {
    app = renderApp(handle.db);
    await app.waitFor('7 movies');
    await app.press('/');
    await app.type('nolan');
    await app.waitFor('3 movies matching "nolan"');
    await app.waitFor(() => rows(app!.frame()).titles.join() === 'Inception,Interstellar,The Dark Knight');
    await app.press(KEY.esc);
    await app.waitFor('7 movies ·');
    await app.press('/');
    await app.type('zzz');
    await app.waitFor('No movies match "zzz"');
  });

  it("Enter shows the selected movie's details; Esc goes back", async () => {
    app = renderApp(handle.db);
    await app.waitFor('7 movies');
    await app.press('G');
    await app.waitFor(() => rows(app!.frame()).selected === 'The Matrix');
    await app.press(KEY.enter);
    await app.waitFor('Lana Wachowski, Lilly Wachowski');
    expect(app.frame()).toMatch(/MPA +R/);
    await app.press(KEY.esc);
    await app.waitFor('7 movies');
  });

  it('saving a movie with an empty title shows "is required" beside the title and writes nothing', async () => {
    app = renderApp(handle.db);
    await app.waitFor('7 movies');
    await app.press('a');
    await app.waitFor('Add a movie');
    await app.press(KEY.tab);
    await app.type('1995');
    await app.press(KEY.ctrlS);
    await app.waitFor(/Title\s+✗ is required/);
    expect(app.frame()).toMatch(/Directors 1\.\s+✗ must not be empty/);
    expect(app.frame()).toContain('1995'); // what was typed stays
    expect((await handle.db.movies.count()).count).toBe(7);
  });

  it('adds a movie through the form (directors list, theatre toggle, MPA picker) and shows it selected', async () => {
    app = renderApp(handle.db);
    await app.waitFor('7 movies');
    await app.press('a');
    await app.waitFor('Add a movie');
    await app.type('Heat');
    await app.press(KEY.tab);
    await app.type('1995');
    await app.press(KEY.tab);
    await app.type('Second Unit');
    await app.press(KEY.ctrlN);
    await app.type('Michael Mann');
    await app.press(KEY.altUp); // Michael Mann first
    await app.press(KEY.tab, KEY.tab, KEY.space); // theatre off
    await app.waitFor('[ ] not in theatres');
    await app.press(KEY.tab, KEY.space);
    await app.waitFor('PG-13');
    await app.press(KEY.down, KEY.down, KEY.down, KEY.down, KEY.enter);
    await app.waitFor(/MPA\s+R/);
    await app.press(KEY.enter); // Enter on the last field saves
    await app.waitFor('added Heat (1995)');
    await app.waitFor(() => rows(app!.frame()).selected === 'Heat');
    const [heat] = (await handle.db.movies.list({ search: 'heat' })).movies;
    expect(heat).toMatchObject({ title: 'Heat', year: 1995, directors: ['Michael Mann', 'Second Unit'], theatre: false, mpa: 'R' });
  });

  it('a duplicate is reported in the form and everything typed stays', async () => {
    app = renderApp(handle.db);
    await app.waitFor('movies ·');
    await app.press('a');
    await app.waitFor('Add a movie');
    await app.type('the matrix');
    await app.press(KEY.tab);
    await app.type('1999');
    await app.press(KEY.tab);
    await app.type('Someone Else');
    await app.press(KEY.ctrlS);
    await app.waitFor('already exists');
    expect(app.frame()).toContain('the matrix');
    expect(app.frame()).toContain('Someone Else');
    await app.press(KEY.esc);
    await app.waitFor('Discard your changes?');
    await app.press('n');
    await app.waitFor('Someone Else');
  });

  it('e edits the selected movie; d deletes it after a confirm that names it', async () => {
    app = renderApp(handle.db);
    await app.waitFor('movies ·');
    await app.press('/');
    await app.type('jaws');
    await app.waitFor('1 movie matching');
    await app.press(KEY.enter, 'e');
    await app.waitFor('Edit "Jaws"');
    await app.press(KEY.tab, KEY.backspace);
    await app.type('6');
    await app.press(KEY.ctrlS);
    await app.waitFor('saved Jaws (1976)');
    expect((await handle.db.movies.list({ search: 'jaws' })).movies[0]!.year).toBe(1976);
    await app.press('d');
    await app.waitFor('Delete "Jaws" (1976)?');
    await app.press('n');
    await app.waitFor(() => !app!.frame().includes('Delete "Jaws"'));
    await app.press('d');
    await app.waitFor('Delete "Jaws" (1976)?');
    await app.press('y');
    await app.waitFor('deleted Jaws (1976)');
    expect((await handle.db.movies.list({ search: 'jaws' })).movies).toEqual([]);
  });

  it('in a form q is typing, and Ctrl+C with unsaved changes asks before quitting', async () => {
    app = renderApp(handle.db);
    await app.waitFor('movies ·');
    await app.press('a');
    await app.waitFor('Add a movie');
    await app.type('Half typed');
    await app.press('q'); // typing, not quitting
    expect(app.frame()).toContain('Half typedq');
    await app.press(KEY.ctrlC);
    await app.waitFor('Discard your changes and quit?');
    await app.press('n');
    await app.waitFor('Half typedq');
  });

  it('? lists every key of every screen, from the key table', async () => {
    app = renderApp(handle.db);
    await app.waitFor('movies ·');
    await app.press('?');
    await app.waitFor('Keys (');
    expect(app.frame()).toContain('Everywhere');
    expect(app.frame()).toContain('suspend to the shell');
    await app.press(KEY.pageDown);
    expect(app.frame()).toContain('cycle the sort');
    for (let i = 0; i < 6 && !app.frame().includes('Add / edit form'); i++) await app.press(KEY.pageDown);
    expect(app.frame()).toContain('Add / edit form');
    await app.press(KEY.esc);
    await app.waitFor('movies ·');
  });
});

describe('an empty table', () => {
  const empty = embeddedDatabase();
  it('says how to add or seed', async () => {
    app = renderApp(empty.db);
    await app.waitFor('No movies yet. Press a to add one, or seed or import on the Data screen (3).');
  });
});
