// The app over a project whose model has more columns than the course's (the course's last
// exercise): the list, the details, the form and the conflict view follow the model's columns,
// and pick up a column a migration adds while the app is open. A real embedded database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../../src/db/database.js';
import type { Movie } from '../../../src/db/types.js';
import { newDataDir } from '../../support/databases.js';
import { inProject, projectWithColumns } from '../../support/project.js';
import { KEY, type Rendered } from '../support.js';
import { appPerTest } from './setup.js';

const COLUMNS = [
  'runtime: p.integer().nullable(),',
  'budget: p.decimal().precision(10).scale(2).nullable(),',
  'released: p.date().nullable(),',
  'tags: p.array().nullable(),',
  'color: p.boolean().default(false),',
  'note: p.text().nullable(),',
];
const heat = { title: 'Heat', year: 1995, directors: ['Michael Mann'] };
const heatExtra = { runtime: '170', budget: '60000000.5', released: '1995-12-15', tags: 'crime; LA', color: 'yes', note: 'A note' };

const { start } = appPerTest();

/** Makes the test terminal that size and tells the app, as a terminal's resize does. */
function resize(app: Rendered, columns: number, rows: number) {
  Object.defineProperty(app.stdout, 'columns', { value: columns, configurable: true });
  Object.defineProperty(app.stdout, 'rows', { value: rows, configurable: true });
  app.stdout.emit('resize');
}

/** The list's row of a movie (the line holding its title), as drawn. */
const rowOf = (frame: string, title: string) => frame.split('\n').find((l) => l.startsWith(`› ${title} `) || l.startsWith(`  ${title} `)) ?? '';

/** Searches for one movie and waits until it is the selected row (not for the count, which may come later). */
async function select(app: Rendered, search: string, title: string) {
  await app.press('/');
  await app.type(search);
  await app.waitFor((f) => f.includes(`matching "${search}"`) && f.split('\n').some((l) => l.startsWith(`› ${title} `)));
  await app.press(KEY.enter);
}

describe('a model with more columns, in the app', { timeout: 60_000 }, () => {
  let db: Database;
  let heatId: number;
  beforeAll(async () => {
    const { target } = await projectWithColumns({ kind: 'embedded', dataDir: newDataDir() }, COLUMNS);
    db = await Database.open(target);
    await db.seeds.run();
    heatId = (await db.movies.create({ ...heat, extra: heatExtra })).id;
  }, 180_000);
  afterAll(() => db?.close());

  it('lists the columns that fit after the course’s, and shows every one in the details', async () => {
    const app = await start(db, 'migrations 6/6 applied');
    // 100 columns: runtime and budget fit beside a readable title; released, tags, color and note do not.
    await app.waitFor(/Title ↑ +Year +Directors +Theatre +MPA +runtime +budget\s*$/m);
    expect(rowOf(app.frame(), 'Heat')).toMatch(/Heat +1995 +Michael Mann +yes +170 +60000000.50\s*$/);
    await select(app, 'heat', 'Heat');
    await app.press(KEY.enter);
    await app.waitFor(/tags +crime; LA/);
    for (const line of [/runtime +170/, /budget +60000000\.50/, /released +1995-12-15/, /tags +crime; LA/, /color +yes/, /note +A note/]) expect(app.frame()).toMatch(line);
    // Each step waits for what it draws: on a busy machine Esc's frame can take longer than
    // press() waits, and a '/' typed meanwhile went to the details, not the list.
    await app.press(KEY.esc);
    await app.waitFor((f) => !f.includes('esc back'));
    // A movie without values shows empty cells, and "(none)" in the details.
    await app.press('/');
    await app.waitFor('esc clear');
    await app.press(KEY.esc);
    await app.waitFor('/ to search');
    await select(app, 'matrix', 'The Matrix');
    expect(rowOf(app.frame(), 'The Matrix').replace(/.*1999/, '')).not.toMatch(/\d/);
    await app.press(KEY.enter);
    await app.waitFor(/runtime +\(none\)/);
    expect(app.frame()).toMatch(/color +no/);
  });

  it('sorts by a model column with s (nulls last both ways), back with S; a sorted column that did not fit is shown', async () => {
    const short = await db.movies.create({ title: 'Short', year: 2001, directors: ['Someone'], extra: { runtime: '5' } });
    const app = await start(db, 'migrations 6/6 applied');
    await app.waitFor('movies ·');
    const order = (f: string) => ['Short', 'Heat', 'The Matrix'].map((t) => f.split('\n').findIndex((l) => rowOf(l, t) !== ''));
    await app.press('s', 's', 's', 's', 's', 's');
    await app.waitFor('sorted by runtime ↑');
    await app.waitFor(/Title +Year +Directors +Theatre +MPA +runtime ↑/);
    await app.waitFor((f) => { const [a, b, c] = order(f); return a! >= 0 && a! < b! && b! < c!; });
    await app.press('s');
    await app.waitFor('sorted by runtime ↓');
    await app.waitFor((f) => { const [a, b, c] = order(f); return b! >= 0 && b! < a! && a! < c!; });
    await app.press('S');
    await app.waitFor('sorted by runtime ↑');
    // released does not fit at 100 columns until the list is sorted by it.
    expect(app.frame()).not.toContain('released');
    await app.press('s', 's', 's', 's');
    await app.waitFor('sorted by released ↑');
    await app.waitFor(/MPA +runtime +released ↑ +color\s*$/m);
    await db.movies.delete(short.id);
  });

  it('adds a movie through type-aware fields: a number refuses letters, Space toggles, a list like directors; the store gets typed values', async () => {
    const app = await start(db, 'migrations 6/6 applied');
    await app.waitFor('movies ·');
    await app.press('a');
    await app.waitFor('Add a movie');
    expect(app.frame()).toMatch(/^\s+runtime\s*$/m);
    expect(app.frame()).toMatch(/color +\[ \] no/);
    await app.type('Thief');
    await app.press(KEY.tab);
    await app.type('1981');
    await app.press(KEY.tab);
    await app.type('Michael Mann');
    await app.press(KEY.tab, KEY.tab, KEY.tab);
    await app.waitFor(/› runtime/);
    expect(app.frame()).toContain('whole number'); // the field's hint, as its placeholder
    await app.type('2h');
    await app.waitFor('✗ must be a whole number (such as 142)');
    await app.type('123');
    await app.waitFor(/› runtime +123/);
    expect(app.frame()).not.toContain('✗');
    await app.press(KEY.tab);
    await app.type('4.5');
    await app.press(KEY.tab);
    await app.type('1981-03-27');
    await app.press(KEY.tab);
    await app.type('crime');
    await app.press(KEY.ctrlN);
    await app.type('heist');
    await app.press(KEY.tab);
    await app.waitFor(/› color/);
    await app.press(KEY.space);
    await app.waitFor(/color +\[x\] yes/);
    await app.press(KEY.tab);
    await app.waitFor(/› note/);
    // A megabyte pasted into a text column is refused whole, as in the title; the field stays empty.
    app.stdin.write(`\x1b[200~${'x'.repeat(1 << 20)}\x1b[201~`);
    await app.waitFor('✗ must be at most 10000 characters');
    expect(app.frame()).not.toContain('xxxxxxxx');
    await app.type('Tangerine Dream');
    await app.press(KEY.ctrlS);
    await app.waitFor('added Thief (1981)');
    await app.waitFor((f) => rowOf(f, 'Thief') !== '');
    expect(rowOf(app.frame(), 'Thief')).toMatch(/Thief +1981 +Michael Mann +yes +123 +4.50\s*$/);
    const [thief] = (await db.movies.list({ search: 'thief' })).movies;
    expect(thief!.extra).toEqual({ runtime: 123, budget: '4.50', released: '1981-03-27', tags: ['crime', 'heist'], color: true, note: 'Tangerine Dream' });
    await db.movies.delete(thief!.id);
  });

  it('edits a movie’s runtime and keeps the rest; a problem lands on the column’s field and takes the focus', async () => {
    const app = await start(db, 'migrations 6/6 applied');
    await app.waitFor('movies ·');
    await select(app, 'heat', 'Heat');
    await app.press('e');
    await app.waitFor('Edit "Heat"');
    expect(app.frame()).toMatch(/runtime +170/);
    expect(app.frame()).toMatch(/budget +60000000\.50/);
    await app.press(KEY.tab, KEY.tab, KEY.tab, KEY.tab, KEY.tab, KEY.tab);
    await app.waitFor(/› budget/);
    await app.type('1');
    await app.press(KEY.ctrlS);
    // Three decimals: refused beside the field before anything is written, and the focus is there.
    await app.waitFor('✗ must have at most 2 digits after the point');
    expect(app.frame()).toMatch(/› budget/);
    await app.press(KEY.backspace, KEY.shiftTab);
    await app.waitFor(/› runtime/);
    await app.press(KEY.backspace);
    await app.type('1');
    await app.waitFor(/› runtime +171/);
    await app.press(KEY.ctrlS);
    await app.waitFor('saved Heat (1995)');
    expect((await db.movies.get(heatId)).extra).toMatchObject({ runtime: 171, budget: '60000000.50', tags: ['crime', 'LA'], color: true, note: 'A note' });
  });

  it('shows a model column in the conflict view when someone else changed it meanwhile', async () => {
    const app = await start(db, 'migrations 6/6 applied');
    await app.waitFor('movies ·');
    await select(app, 'heat', 'Heat');
    await app.press('e');
    await app.waitFor('Edit "Heat"');
    const runtime = String((await db.movies.get(heatId)).extra!.runtime);
    await app.press(KEY.tab, KEY.tab, KEY.tab, KEY.tab, KEY.tab);
    await app.waitFor(/› runtime/);
    await app.press(KEY.backspace);
    await app.type('5');
    const stored = await db.movies.get(heatId);
    await db.movies.update(heatId, { extra: { runtime: 200 } }, stored.version);
    await app.press(KEY.ctrlS);
    await app.waitFor('Someone else saved "Heat" meanwhile');
    expect(app.frame()).toMatch(new RegExp(`runtime +${runtime} +200 +✓ ${runtime.slice(0, -1)}5 +⚠ both changed`));
    await app.press('t', KEY.ctrlS);
    await app.waitFor('saved Heat (1995)');
    expect((await db.movies.get(heatId)).extra!.runtime).toBe(200);
  });

  it('fits the form at 80×24 and 60×20, showing the fields around the focus, and asks for more room at 40×10', async () => {
    const app = await start(db, 'migrations 6/6 applied');
    await app.waitFor('movies ·');
    resize(app, 60, 20);
    await app.press('a');
    await app.waitFor('Add a movie');
    // Shift+Tab from the title goes to the last field, note: the rows around it are drawn.
    await app.press(KEY.shiftTab);
    await app.waitFor(/› note/);
    expect(app.frame()).toMatch(/↑ \d+ more/);
    expect(app.frame().split('\n').length).toBeLessThanOrEqual(19);
    for (const line of app.frame().split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    expect(app.frame()).toContain('Ctrl+S saves');
    resize(app, 80, 24);
    await app.press(KEY.tab);
    await app.waitFor(/› Title/);
    expect(app.frame().split('\n').length).toBeLessThanOrEqual(23);
    for (const line of app.frame().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    resize(app, 40, 10);
    await app.waitFor((f) => f.replace(/\s+/g, ' ').includes('Terminal too small: 40×10'));
  });
});

describe('a column added by a migration applied in the app', { timeout: 60_000 }, () => {
  let db: Database;
  beforeAll(async () => {
    const { root, target } = await projectWithColumns({ kind: 'embedded', dataDir: newDataDir() }, ['runtime: p.integer().nullable(),']);
    // The generated migration rolled back: the model has runtime, the table not yet.
    expect((await inProject(root, target)(['migrate', 'down'])).code).toBe(0);
    db = await Database.open(target);
    await db.seeds.run();
  }, 180_000);
  afterAll(() => db?.close());

  it('appears in the list and the form once applied from the Migrations screen, without a restart', async () => {
    // A migration is pending: the app opens on the Migrations screen.
    const app = await start(db, 'Migrations 5/6 applied');
    await app.press('1');
    await app.waitFor(/Title ↑ +Year +Directors +Theatre +MPA\s*$/m);
    await app.press('a');
    await app.waitFor('Add a movie');
    expect(app.frame()).not.toContain('runtime');
    await app.press(KEY.esc);
    await app.waitFor('movies ·');
    await app.press('2');
    await app.waitFor('1 migration is pending');
    await app.press('u');
    await app.waitFor('Apply every pending migration?');
    await app.press('y');
    await app.waitFor('migrations 6/6 applied');
    await app.press('1');
    await app.waitFor(/Title ↑ +Year +Directors +Theatre +MPA +runtime\s*$/m);
    await app.press('a');
    await app.waitFor(/ runtime/);
    const movie: Movie = (await db.movies.list({ search: 'matrix' })).movies[0]!;
    expect(movie.extra).toEqual({ runtime: null });
  });
});
