import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatabaseApi } from '../../../src/db/types.js';
import { KEY, type Rendered } from '../support.js';
import { SCREEN, appPerTest, databasePerTest } from './setup.js';

const CLEAR = '\x15'; // Ctrl+U clears the suggested path
const dir = mkdtempSync(join(tmpdir(), 'movies-tui-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const { on } = appPerTest();

/** On the Data screen, `key` (i or x) with `path` typed over the suggested one and Enter. */
async function prompt(db: DatabaseApi, key: 'i' | 'x', path: string): Promise<Rendered> {
  const app = await on(db, ...SCREEN.data);
  await app.press(key, CLEAR);
  await app.type(path);
  await app.press(KEY.enter);
  return app;
}

describe('s, the seeder', () => {
  const handle = databasePerTest();

  it('inserts the seed movies and says how many', async () => {
    const app = await on(handle.db, ...SCREEN.data);
    await app.press('s');
    await app.waitFor('seeded: inserted 7, skipped 0');
  });

  it('skips the movies already there', async () => {
    await handle.db.seeds.run();
    const app = await on(handle.db, ...SCREEN.data);
    await app.press('s');
    await app.waitFor('seeded: inserted 0, skipped 7');
  });

  it('shows what it seeded on the Movies screen', async () => {
    const app = await on(handle.db, ...SCREEN.data);
    await app.press('s');
    await app.waitFor('seeded: inserted 7, skipped 0');
    await app.press('1');
    await app.waitFor('7 movies');
  });
});

describe('i, importing a file', () => {
  const handle = databasePerTest({ seed: true });
  const messy = () => {
    const file = join(dir, 'messy.csv');
    writeFileSync(file, 'title,year,directors\nHeat,1995,Michael Mann\nBad,19x5,Someone\nNo Director,2000,\n');
    return file;
  };
  const some = () => {
    const file = join(dir, 'some.csv');
    writeFileSync(file, 'title,year,directors,mpa\n"Amélie",2001,Jean-Pierre Jeunet,R\nJaws,1975,Steven Spielberg,PG\nOops,1800,X,\n');
    return file;
  };
  /** The preview of some.csv: 2 valid rows (Jaws came with the seed) and 1 rejected. */
  const previewSome = async () => {
    const app = await prompt(handle.db, 'i', some());
    await app.waitFor('3 rows: 2 valid, 1 rejected');
    return app;
  };

  it('asks for a file to import', async () => {
    const app = await on(handle.db, ...SCREEN.data);
    await app.press('i');
    await app.waitFor('Import from (.csv or .json):');
  });

  it('validates the file and lists the rejected rows with line and reason', async () => {
    const app = await prompt(handle.db, 'i', messy());
    await app.waitFor('3 rows: 1 valid, 2 rejected');
    expect(app.frame()).toMatch(/line 3 +year +must be a whole number between 1878 and \d{4}/);
    expect(app.frame()).toMatch(/line 4 +directors +at least one director is required/);
  });

  it('asks before importing only the valid rows', async () => {
    const app = await prompt(handle.db, 'i', messy());
    await app.waitFor('Import the 1 valid rows? Rejected rows are left out.');
  });

  it('n cancels, and nothing is written', async () => {
    const app = await prompt(handle.db, 'i', messy());
    await app.waitFor('3 rows: 1 valid, 2 rejected');
    await app.press('n');
    await app.waitFor('Press s, i or x.');
    expect((await handle.db.movies.list({ search: 'heat' })).movies).toEqual([]);
  });

  it('w writes the rejected rows, with the reason, to a file beside it', async () => {
    const app = await previewSome();
    await app.press('w');
    await app.waitFor(`wrote 1 rejected rows to ${join(dir, 'some.errors.csv')}`);
    expect(readFileSync(join(dir, 'some.errors.csv'), 'utf8')).toBe(
      `title,year,directors,theatre,mpa,error\nOops,1800,X,,,year: must be a whole number between 1878 and ${new Date().getFullYear() + 10}\n`,
    );
  });

  it('y imports the valid rows and skips a duplicate', async () => {
    const app = await previewSome();
    await app.press('y');
    // Jaws came with the seed: it is skipped, not duplicated.
    await app.waitFor('imported 1, skipped 1 duplicate, rejected 1');
  });

  it('shows what it imported on the Movies screen', async () => {
    const app = await previewSome();
    await app.press('y');
    await app.waitFor('imported 1, skipped 1 duplicate, rejected 1');
    await app.press('1');
    await app.waitFor('8 movies');
    expect(app.frame()).toContain('Amélie');
  });

  it('refuses a name that is not .csv or .json, and the prompt stays', async () => {
    const app = await prompt(handle.db, 'i', join(dir, 'notes.txt'));
    await app.waitFor('✗ name a .csv or .json file');
    expect(app.frame()).toContain('Import from (.csv or .json):');
  });

  it('refuses a file that does not exist, and the prompt stays', async () => {
    const app = await prompt(handle.db, 'i', join(dir, 'missing.csv'));
    await app.waitFor('✗ no such file');
    expect(app.frame()).toContain('Import from (.csv or .json):');
  });

  it('Esc leaves the prompt', async () => {
    const app = await prompt(handle.db, 'i', join(dir, 'missing.csv'));
    await app.waitFor('✗ no such file');
    await app.press(KEY.esc);
    await app.waitFor('Press s, i or x.');
  });
});

describe('x, exporting', () => {
  const handle = databasePerTest({ seed: true });
  const existing = (name: string) => {
    const file = join(dir, name);
    writeFileSync(file, 'keep me');
    return file;
  };

  it('suggests movies.csv in the working directory', async () => {
    const app = await on(handle.db, ...SCREEN.data);
    await app.press('x');
    await app.waitFor('Export to (.csv or .json):');
    expect(app.frame()).toContain(`${process.cwd()}/movies.csv`);
  });

  it('asks before replacing a file; n keeps it', async () => {
    const file = existing('kept.json');
    const app = await prompt(handle.db, 'x', file);
    await app.waitFor(`${file} exists. Replace it?`);
    await app.press('n');
    await app.waitFor('Press s, i or x.');
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('y replaces it with every movie', async () => {
    const file = existing('all.json');
    const app = await prompt(handle.db, 'x', file);
    await app.waitFor(`${file} exists. Replace it?`);
    await app.press('y');
    await app.waitFor(`exported 7 movies to ${file}`);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { title: string }[];
    expect(exported.map((m) => m.title)).toContain('Inception');
    expect(exported).toHaveLength(7);
  });
});
