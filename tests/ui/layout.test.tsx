import { afterEach, describe, expect, it } from 'vitest';
import { fitHints } from '../../src/ui/shell/Frame.js';
import { hints } from '../../src/ui/keys.js';
import { KEY, renderApp, embeddedDatabase, type Rendered } from './support.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

/** Makes the test terminal that size and tells the app, as a terminal's resize does. */
function resize(target: Rendered, columns: number, rows: number) {
  Object.defineProperty(target.stdout, 'columns', { value: columns, configurable: true });
  Object.defineProperty(target.stdout, 'rows', { value: rows, configurable: true });
  target.stdout.emit('resize');
}

const lines = (frame: string) => frame.split('\n');
const footer = (frame: string) => frame.trimEnd().split('\n').at(-1) ?? '';

describe('the footer', () => {
  it('keeps ? help and q quit, and whole hints only, then … when some were left out', () => {
    const own = hints('migrations');
    const line = fitHints(['? help'], own, ['q quit'], 60);
    expect(line.length).toBeLessThanOrEqual(60);
    expect(line.startsWith('? help  ')).toBe(true);
    expect(line.endsWith('  q quit  …')).toBe(true);
    for (const part of line.split('  ').slice(1, -2)) expect(own).toContain(part);
    // Room for all: no "…".
    expect(fitHints(['? help'], own, ['q quit'], 200)).toBe(['? help', ...own, 'q quit'].join('  '));
  });
});

describe('sizes, marks and columns', () => {
  const handle = embeddedDatabase({ seed: true });

  it('below 60×20 it asks for a larger terminal instead of drawing over itself, and a half-typed form comes back whole', async () => {
    app = renderApp(handle.db);
    await app.waitFor('The Matrix');
    await app.press('a');
    await app.waitFor('Add a movie');
    await app.type('Heat');
    await app.waitFor(/› Title +Heat/);
    resize(app, 40, 10);
    // The message wraps at 40 columns: compare it as one line.
    await app.waitFor((f) => f.replace(/\s+/g, ' ').includes('Terminal too small: 40×10, needs at least 60×20. Make the window larger (q quits).'));
    expect(app.frame()).not.toContain('Title');
    // Keys typed meanwhile reach nothing unseen.
    await app.type('xyz');
    resize(app, 59, 24);
    await app.waitFor('Terminal too small: 59×24');
    resize(app, 60, 19);
    await app.waitFor('Terminal too small: 60×19');
    resize(app, 60, 20);
    await app.waitFor(/› Title +Heat\s/);
    // Below the header, which shows the test's random data dir.
    expect(app.frame().split('\n').slice(1).join('\n')).not.toContain('xyz');
    expect(app.frame()).not.toContain('too small');
    // The tallest screen, the form with the MPA picker open, fits whole at 60×20.
    await app.press(KEY.tab, KEY.tab, KEY.tab, KEY.tab, KEY.space);
    await app.waitFor('NC-17');
    for (const text of ['Add a movie', 'Title', 'Year', 'Directors', 'Theatre', 'G', 'PG-13', 'Ctrl+S saves']) expect(app.frame()).toContain(text);
    expect(lines(app.frame()).length).toBeLessThanOrEqual(19);
    await app.press(KEY.esc, KEY.esc, 'y');
    await app.waitFor('The Matrix');
  });

  it('at 80 columns a migration label shows whole; narrower it ends in …; the footer shows whole hints', async () => {
    app = renderApp(handle.db);
    await app.waitFor('The Matrix');
    resize(app, 80, 24);
    await app.press('2');
    await app.waitFor(/✓ versions_and_changes \d{4}-\d\d-\d\d \d\d:\d\d/);
    const own = hints('migrations');
    const parts = footer(app.frame()).split('  ');
    expect(parts[0]).toBe('? help');
    for (const part of parts.slice(1)) expect([...own, 'q quit', '…']).toContain(part);
    resize(app, 60, 20);
    await app.waitFor(/✓ versions… \d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(footer(app.frame()).endsWith('q quit  …')).toBe(true);
  });

  it('marks the active screen with brackets, which need no colour (NO_COLOR)', async () => {
    app = renderApp(handle.db);
    await app.waitFor('The Matrix');
    expect(app.frame()).toContain('[1 Movies] 2 Migrations  3 Data  4 Database');
    await app.press('3');
    await app.waitFor(' 1 Movies  2 Migrations [3 Data] 4 Database');
  });

  it('puts the arrow after a space on every sorted column, and shows an Id column while sorted by id', async () => {
    app = renderApp(handle.db);
    await app.waitFor('The Matrix');
    expect(app.frame()).toMatch(/ {2}Title ↑ +Year +Directors/);
    expect(app.frame()).not.toMatch(/\bId\b/);
    await app.press('s'); // title ↓
    await app.waitFor(/ {2}Title ↓ +Year +Directors/);
    await app.press('s'); // year ↑
    await app.waitFor(/ {2}Title +Year ↑ +Directors/);
    await app.press('s', 's'); // id ↑
    await app.waitFor(/ {2}Id ↑ +Title +Year +Directors/);
    const ids = (await handle.db.movies.list()).movies.map((m) => m.id).sort((a, b) => a - b);
    // The selected movie stays selected; the first row is the lowest id.
    await app.waitFor(new RegExp(`Id ↑.*\\n[› ] ${ids[0]} +\\S`));
    await app.press('s'); // id ↓
    await app.waitFor(/ {2}Id ↓ +Title/);
    await app.waitFor(new RegExp(`Id ↓.*\\n[› ] ${ids.at(-1)} +\\S`));
    await app.press('s'); // back to title ↑: no id column
    await app.waitFor(/ {2}Title ↑ +Year/);
    expect(app.frame()).not.toMatch(/\bId\b/);
  });
});
