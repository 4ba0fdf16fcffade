import stringWidth from 'string-width';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rawSql } from '../support/rawSql.js';
import { KEY, renderApp, embeddedDatabase, type Rendered } from './support.js';

const ESC = '\x1b';
const handle = embeddedDatabase({ seed: true });
let app: Rendered | undefined;
afterEach(() => app?.unmount());

beforeAll(async () => {
  // Rows the app would refuse, as psql or an older version could have stored them.
  await rawSql(handle.db, `insert into movie (title, year, directors, theatre) values (?, 1999, array[?], true), (?, 1998, array[?], true), (?, 2001, array[?], true)`, [
    `${ESC}[2J${ESC}[31mRED`,
    `${ESC}]0;title\x07Bell`,
    '\u202Eevil',
    '\u009b31mC1',
    '千と千尋の神隠し 👨\u200d👩\u200d👧',
    'e\u0301'.repeat(40),
  ]);
});

/** Where each line's year starts, in display columns. */
const yearColumn = (line: string) => {
  const m = /\s(1[89]\d\d|20\d\d)\s/.exec(line);
  return m ? stringWidth(line.slice(0, m.index + 1)) : -1;
};

describe('odd text on screen', () => {
  it('the table draws escapes and bidi controls from the data inert, and every row lines up by display width', async () => {
    app = renderApp(handle.db);
    await app.waitFor('10 movies');
    const frame = app.frame();
    expect(frame).toContain('␛[2J␛[31mRED');
    expect(frame).toContain('<U+202E>evil');
    expect(frame).toContain('千と千尋の神隠し');
    expect(frame).not.toContain(ESC);
    expect(frame).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const lines = frame.split('\n');
    for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(100);
    const header = lines.find((l) => l.includes('Title ↑'))!;
    const rows = lines.filter((l) => yearColumn(l) >= 0);
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(yearColumn(row), row).toBe(header.indexOf('Year'));
  });

  it('the details, the delete question and the status line show such a title inert', async () => {
    app = renderApp(handle.db);
    await app.waitFor('10 movies');
    await app.press('/');
    await app.type('RED');
    await app.waitFor('1 movie matching');
    await app.press(KEY.enter, KEY.enter);
    await app.waitFor(/Directors +␛\]0;title␇Bell/);
    await app.press(KEY.esc, 'd');
    await app.waitFor('Delete "␛[2J␛[31mRED" (1999)?');
    expect(app.frame()).not.toContain(ESC);
    await app.press('y');
    await app.waitFor('deleted ␛[2J␛[31mRED (1999)');
    expect(app.frame()).not.toContain(ESC);
  });

  it('pasting 100,000 characters into the title changes nothing and says the title is at most 80 characters; unmarked, they are ignored as a paste', async () => {
    app = renderApp(handle.db);
    await app.waitFor(/\d+ movies/);
    const before = (await handle.db.movies.count()).count;
    await app.press('a');
    await app.waitFor('Add a movie');
    await app.type('Heat');
    await app.waitFor('Heat');
    app.stdin.write(`\x1b[200~${'x'.repeat(100_000)}\x1b[201~`);
    await app.waitFor('must be at most 80 characters');
    expect(app.frame()).not.toContain('xxxxxxxxxx');
    for (const line of app.frame().split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(100);
    // From a terminal that does not mark pastes: refused before the field sees it.
    app.stdin.write('y'.repeat(100_000));
    await app.waitFor('ignored over 300 characters read at once (a paste the terminal did not mark)');
    expect(app.frame()).not.toContain('yyyyyyyyyy');
    await new Promise((r) => setTimeout(r, 600)); // the pause that ends the paste: keys are typed again
    // What was typed before the paste is still there, and can still be saved.
    await app.press(KEY.tab);
    await app.type('1995');
    await app.press(KEY.tab);
    await app.type('Michael Mann');
    await app.press(KEY.ctrlS);
    await app.waitFor('added Heat (1995)');
    expect((await handle.db.movies.count()).count).toBe(before + 1);
  });

  it('a paste with control characters in it changes nothing and names the first one', async () => {
    app = renderApp(handle.db);
    await app.waitFor(/\d+ movies/);
    await app.press('a');
    await app.waitFor('Add a movie');
    await app.type('Jaws');
    await app.waitFor(/Title +Jaws/);
    // As a terminal sends a paste once the app asks for bracketed paste.
    app.stdin.write('\x1b[200~cd\x07ef\tgh\x1b[201~');
    await app.waitFor('must not contain control characters (found U+0007)');
    expect(app.frame()).toMatch(/Title +Jaws +✗/);
    // The title's line only: the header shows the test's random data dir, which may hold "gh".
    expect(app.frame().split('\n').find((line) => line.includes('Title'))).not.toContain('gh');
  });

  it('a director field refuses a long paste the same way, naming its own limit', async () => {
    app = renderApp(handle.db);
    await app.waitFor(/\d+ movies/);
    await app.press('a');
    await app.waitFor('Add a movie');
    await app.press(KEY.tab, KEY.tab);
    app.stdin.write(`\x1b[200~${'d'.repeat(100_000)}\x1b[201~`);
    await app.waitFor('must be at most 100 characters');
    expect(app.frame()).not.toContain('dddddddddd');
  });
});
