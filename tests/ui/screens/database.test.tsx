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

  it('counts the indexes that do not fit instead of drawing them over the screen', async () => {
    // 24 rows hold three of the six indexes.
    const f = (await onDatabase()).frame();
    expect(f).toContain('  … and 3 more (movies-tui db info lists them all)');
    expect(f).not.toContain('movie_title_year_unique');
  });

  it('draws every index once the terminal is tall enough', async () => {
    const app = await onDatabase();
    Object.defineProperty(app.stdout, 'rows', { value: 30, configurable: true });
    app.stdout.emit('resize');
    await app.waitFor('CREATE UNIQUE INDEX movie_title_year_unique');
    expect(app.frame()).not.toContain('more (movies-tui db info');
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
