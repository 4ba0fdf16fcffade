import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.js';
import { DIALOG_SCOPES, resolve } from '../../src/ui/keys.js';
import { newDataDir } from '../support/databases.js';
import { KEY, renderApp, embeddedDatabase, type Rendered } from './support.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

const HELP = 'Keys (↑↓ PgUp PgDn scroll, Esc or ? close)';
const dir = mkdtempSync(join(tmpdir(), 'movies-tui-dialogs-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The frame's last line: the footer, the keys of whatever holds the keyboard. */
const footer = (frame: string) => frame.trimEnd().split('\n').at(-1) ?? '';

async function started(db: Database): Promise<Rendered> {
  app = renderApp(db);
  await app.waitFor('migrations 5/5 applied');
  await app.waitFor('The Matrix');
  return app;
}

/** Every dialog of the app: how to open it, what it says, the footer it gives, how to leave it unanswered. */
const DIALOGS: { name: string; open: (a: Rendered) => Promise<void>; shows: string; footer: RegExp; leave: (a: Rendered) => Promise<void> }[] = [
  {
    name: 'delete a movie',
    open: (a) => a.press('d'),
    shows: 'Delete "Inception" (2010)?',
    footer: /^y yes  n\/esc no$/,
    leave: (a) => a.press('n'),
  },
  {
    name: 'delete from the details',
    open: (a) => a.press(KEY.enter, 'd'),
    shows: 'Delete "Inception" (2010)?',
    footer: /^y yes  n\/esc no$/,
    leave: (a) => a.press(KEY.esc),
  },
  {
    name: 'discard a changed form',
    open: async (a) => {
      await a.press('a');
      await a.waitFor('Add a movie');
      await a.type('Heat');
      await a.press(KEY.esc);
    },
    shows: 'Discard your changes?',
    footer: /^y yes  n\/esc no$/,
    leave: (a) => a.press('y'),
  },
  {
    name: 'quit with unsaved changes',
    open: async (a) => {
      await a.press('a');
      await a.waitFor('Add a movie');
      await a.type('Heat');
      await a.press(KEY.ctrlC);
    },
    shows: 'Discard your changes and quit?',
    footer: /^y yes  n\/esc no$/,
    leave: async (a) => {
      await a.press('n');
      await a.waitFor(/› Title +Heat/);
      await a.press(KEY.esc, 'y');
    },
  },
  {
    name: 'the MPA picker',
    open: async (a) => {
      await a.press('e');
      await a.waitFor('Edit "Inception"');
      await a.press(KEY.tab, KEY.tab, KEY.tab, KEY.tab, KEY.space);
    },
    shows: 'NC-17',
    footer: /^↑↓ choose  ⏎ pick  esc close  \^C quit$/,
    leave: (a) => a.press(KEY.esc, KEY.esc),
  },
  {
    name: 'roll back with data loss (typed confirm)',
    open: async (a) => {
      await a.press('2');
      await a.waitFor('› ✓ initial');
      await a.press('D');
    },
    shows: 'Roll back initial and every later migration?',
    footer: /^⏎ confirm  esc cancel$/,
    leave: (a) => a.press(KEY.esc),
  },
  {
    name: 'reset the database (typed confirm)',
    open: async (a) => {
      await a.press('4');
      await a.waitFor('Server version');
      await a.press('R');
    },
    shows: 'Reset the database?',
    footer: /^⏎ confirm  esc cancel$/,
    leave: (a) => a.press(KEY.esc),
  },
  {
    name: 'the file name of an import',
    open: (a) => a.press('3', 'i'),
    shows: 'Import from (.csv or .json):',
    footer: /^⏎ ok  \^U clear  esc cancel  \^C quit$/,
    leave: (a) => a.press(KEY.esc),
  },
  {
    name: 'an import report',
    open: async (a) => {
      const file = join(dir, 'some.csv');
      writeFileSync(file, 'title,year,directors\nHeat,1995,Michael Mann\nBad,abc,X\n');
      await a.press('3', 'i', '\x15');
      await a.type(file);
      await a.press(KEY.enter);
    },
    shows: 'Import the 1 valid rows?',
    footer: /^y\/⏎ import  w write rejected rows  n\/esc cancel$/,
    leave: (a) => a.press('n'),
  },
  {
    name: 'replace a file on export',
    open: async (a) => {
      const file = join(dir, 'keep.csv');
      writeFileSync(file, 'keep me');
      await a.press('3', 'x', '\x15');
      await a.type(file);
      await a.press(KEY.enter);
    },
    shows: 'keep.csv exists. Replace it?',
    footer: /^y yes  n\/esc no$/,
    leave: (a) => a.press('n'),
  },
];

describe('the key table', () => {
  it('gives a question no global key but Ctrl+C: no help, no quit, no other screen while it waits', () => {
    for (const scope of DIALOG_SCOPES) {
      for (const key of ['?', 'q', '1', '4', 'tab', 'shift+tab']) expect(resolve(scope, key)?.scope, `${scope} ${key}`).not.toBe('global');
      expect(resolve(scope, 'ctrl+c')).toEqual({ scope: 'global', action: 'quit' });
    }
    expect(resolve('confirm', 'enter')).toEqual({ scope: 'confirm', action: 'enter' });
    expect(resolve('confirm', 'y')).toEqual({ scope: 'confirm', action: 'yes' });
  });
});

describe('every dialog stays on screen while it holds the keyboard', () => {
  const handle = embeddedDatabase({ seed: true });

  for (const dialog of DIALOGS) {
    it(`${dialog.name}: ? does not cover it, the footer shows its keys, and it still answers`, async () => {
      const a = await started(handle.db);
      await dialog.open(a);
      await a.waitFor(dialog.shows);
      await a.waitFor((f) => dialog.footer.test(footer(f)));
      await a.press('?');
      await sleep(200);
      expect(a.frame()).not.toContain(HELP);
      expect(a.frame()).toContain(dialog.shows);
      expect(footer(a.frame())).toMatch(dialog.footer);
      await dialog.leave(a);
      await a.waitFor((f) => !f.includes(dialog.shows));
      await a.waitFor('? help');
      expect((await handle.db.movies.list()).movies).toHaveLength(7);
      expect((await handle.db.migrations.status()).every((m) => m.applied)).toBe(true);
    });
  }

  it('D then ? typed together on initial: the help never hides the rollback that takes keys, and the name and Enter typed under the help roll back nothing', async () => {
    const a = await started(handle.db);
    await a.press('2');
    await a.waitFor('› ✓ initial');
    await a.type('D?');
    // Either the help opened before the question arrived (it then waits, hidden, taking no keys),
    // or the question came first and took the ? as a letter. Never the help over a question with the keys.
    await a.waitFor((f) => f.includes(HELP) || f.includes('Roll back initial'));
    await sleep(1000); // the rollback's check finishes under the help
    if (a.frame().includes(HELP)) expect(footer(a.frame())).toBe('esc close');
    else expect(a.frame()).toContain('Roll back initial');
    await a.type(handle.db.name);
    await a.press(KEY.enter);
    await sleep(500);
    expect((await handle.db.migrations.status()).every((m) => m.applied)).toBe(true);
    expect((await handle.db.movies.list()).movies).toHaveLength(7);
    expect(a.frame()).not.toContain('rolled back');
    // Out of the help, the question is there, on screen, with the keys.
    if (a.frame().includes(HELP)) await a.press(KEY.esc);
    await a.waitFor('Roll back initial and every later migration?');
    expect(footer(a.frame())).toBe('⏎ confirm  esc cancel');
    await a.press(KEY.esc);
    await a.waitFor((f) => !f.includes('Roll back initial'));
  });

  it('a question that arrives after you switched screens waits on its screen and takes no keys meanwhile', async () => {
    const a = await started(handle.db);
    await a.press('2');
    await a.waitFor('› ✓ initial');
    await a.type('D1');
    await a.waitFor('sorted by title');
    await sleep(1500); // the rollback's check finishes on the hidden Migrations screen
    expect(footer(a.frame())).toMatch(/^\? help {2}↑↓ move/);
    await a.press('j');
    await a.waitFor(/› Interstellar/);
    await a.press('2');
    await a.waitFor('Roll back initial and every later migration?');
    expect(a.frame()).toMatch(/│ › +│/); // nothing was typed into it
    await a.press(KEY.esc);
    await a.waitFor((f) => !f.includes('Roll back initial'));
    expect((await handle.db.migrations.status()).every((m) => m.applied)).toBe(true);
  });

  it('Enter does not delete a movie: it says to press y; y deletes', async () => {
    const a = await started(handle.db);
    await a.press('d');
    await a.waitFor('Delete "Inception" (2010)?');
    await a.press(KEY.enter);
    await a.waitFor('Press y for yes, or n / Esc for no (Enter does not answer).');
    expect((await handle.db.movies.list()).movies).toHaveLength(7);
    await a.press('y');
    await a.waitFor('deleted Inception (2010)');
    expect((await handle.db.movies.list()).movies.map((m) => m.title)).not.toContain('Inception');
  });
});

describe('a question that only applies (no data lost)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await Database.open({ kind: 'embedded', dataDir: newDataDir() });
  });
  afterAll(() => db?.close());

  it('is answered with y, not Enter, and ? does not cover it', async () => {
    app = renderApp(db);
    await app.waitFor('5 migrations are pending');
    await app.press('u');
    await app.waitFor('Apply every pending migration?');
    await app.press('?', KEY.enter);
    await app.waitFor('Press y for yes');
    expect(app.frame()).not.toContain(HELP);
    expect((await db.migrations.status()).some((m) => m.applied)).toBe(false);
    await app.press('y');
    await app.waitFor('migrations 5/5 applied');
  });
});
