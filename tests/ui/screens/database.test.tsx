import { describe, expect, it } from 'vitest';
import { KEY, type Rendered } from '../support.js';
import { SCREEN, appPerTest, databasePerTest } from './setup.js';

const handle = databasePerTest({ seed: true });
const { on } = appPerTest();
const onDatabase = () => on(handle.db, ...SCREEN.database);

describe('the Database screen', () => {
  it('shows the kind and the number of movies', async () => {
    const f = (await onDatabase()).frame();
    expect(f).toMatch(/Kind: +embedded/);
    expect(f).toMatch(/Movies: +7/);
  });

  it('shows the live columns from the catalog', async () => {
    const f = (await onDatabase()).frame();
    expect(f).toMatch(/directors +text\[\] +not null/);
    expect(f).toMatch(/theatre +boolean +not null +true/);
  });

  it('on a short terminal, the columns come first, then the latest history rows, and the indexes are counted', async () => {
    // 24 rows: the seven columns, the last rows of the history table, one line for the six indexes.
    const f = (await onDatabase()).frame();
    expect(f).toMatch(/History: mikro_orm_migrations · applied = has a row here \(u writes it, d deletes it\)/);
    expect(f).toMatch(/… \d earlier rows/);
    expect(f).toMatch(/ 5 +Migration20251029000000_versions_and_changes +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    expect(f).toContain('Indexes: 6 (movies-tui db info lists them)');
    expect(f).not.toContain('movie_title_year_unique');
  });

  it('draws the whole history table and every index once the terminal is tall enough', async () => {
    const app = await onDatabase();
    Object.defineProperty(app.stdout, 'rows', { value: 40, configurable: true });
    app.stdout.emit('resize');
    await app.waitFor('CREATE UNIQUE INDEX movie_title_year_unique');
    const f = app.frame();
    expect(f).not.toContain('more (movies-tui db info');
    expect(f).not.toContain('earlier rows');
    expect(f).toMatch(/ 1 +Migration20251001000000_initial /);
    expect(f).toMatch(/id +name +executed_at/);
  });
});

describe('R, resetting the database', () => {
  const askToReset = async (): Promise<Rendered> => {
    const app = await onDatabase();
    await app.press('R');
    await app.waitFor('Reset the database?');
    return app;
  };

  it('refuses a name that is not the database name, resets nothing and keeps asking', async () => {
    const app = await askToReset();
    await app.type('nope');
    await app.press(KEY.enter);
    await app.waitFor('That is not');
    expect(app.frame()).toContain('Reset the database?');
    expect((await handle.db.movies.count()).count).toBe(7);
  });

  it('after a wrong name, takes the database name typed over it', async () => {
    const app = await askToReset();
    await app.type('nope');
    await app.press(KEY.enter);
    await app.waitFor('That is not');
    for (let i = 0; i < 4; i++) await app.press(KEY.backspace);
    await app.type(handle.db.name);
    await app.press(KEY.enter);
    await app.waitFor('reset: dropped the tables and applied 5 migrations');
    expect((await handle.db.movies.count()).count).toBe(0);
  });

  it('resets once the database name is typed exactly', async () => {
    const app = await askToReset();
    await app.type(handle.db.name);
    await app.press(KEY.enter);
    await app.waitFor('reset: dropped the tables and applied 5 migrations');
    await app.waitFor(/Movies: +0/);
    expect((await handle.db.movies.count()).count).toBe(0);
  });
});

describe('after a migration runs on the Migrations screen', () => {
  const { start } = appPerTest();
  const VERSIONS = 'Migration20251029000000_versions_and_changes';

  it('u: the Database screen marks the added column (+) and the history row written, until the next key', async () => {
    await handle.db.migrations.down();
    const app = await start(handle.db, 'migrations 4/5 applied');
    await app.press('2');
    await app.waitFor('Migrations 4/5 applied');
    await app.press('u');
    await app.waitFor('Apply every pending migration?');
    await app.press('y');
    await app.waitFor('applied versions_and_changes · 4 shows the table before and after');
    await app.press('4');
    await app.waitFor('After applying versions_and_changes: + added');
    const f = app.frame();
    expect(f).toMatch(/^\+ version +integer +not null +1/m);
    expect(f).toMatch(new RegExp(`^\\+ +\\d+ +${VERSIONS} +\\d{4}-`, 'm'));
    // The unchanged columns carry no mark.
    expect(f).toMatch(/^ {2}title +character varying\(80\)/m);
    await app.press('j');
    await app.waitFor((frame) => !frame.includes('After applying'));
    expect(app.frame()).toMatch(/^ {2}version +integer/m);
    expect(app.frame()).not.toMatch(/^\+/m);
  });

  it('d: the dropped column stays drawn, marked − (dropped), and the deleted history row with it; leaving the screen clears them', async () => {
    const app = await start(handle.db);
    await app.press('2');
    await app.waitFor('Migrations 5/5 applied');
    await app.press('d');
    // versions_and_changes drops movie.version, which holds a value in every row: the name is asked.
    await app.waitFor('Roll back versions_and_changes?');
    await app.type(handle.db.name);
    await app.press(KEY.enter);
    await app.waitFor('rolled back versions_and_changes');
    await app.press('4');
    await app.waitFor('After rolling back versions_and_changes');
    const f = app.frame();
    expect(f).toMatch(/^− version +integer +not null +1 +\(dropped\)/m);
    expect(f).toMatch(new RegExp(`^− +\\d+ +${VERSIONS} +\\(row deleted\\)`, 'm'));
    await app.press('1');
    await app.press('4');
    await app.waitFor('Server version');
    expect(app.frame()).not.toContain('(dropped)');
    expect(app.frame()).not.toContain('row deleted');
  });
});
