import type { MigrationObject } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { migrationsList } from '../../migrations/index.js';
import { Database } from '../../src/db/database.js';
import pg from 'pg';
import { newDataDir, newServerDatabase, serverUrl } from '../support/databases.js';
import { KEY, renderApp, useEmbeddedDatabase, type Rendered } from './support.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

describe('the Migrations screen', () => {
  const handle = useEmbeddedDatabase({ seed: true });

  it('lists migrations with their times and shows the SQL of the selected one before anything runs', async () => {
    app = renderApp(handle.db);
    await app.waitFor('migrations 5/5 applied');
    await app.press('2');
    await app.waitFor('Migrations 5/5 applied');
    expect(app.frame()).toMatch(/› ✓ initial \d{4}-\d\d-\d\d \d\d:\d\d/);
    await app.waitFor('drop table if exists "movie" cascade;');
    await app.press('j');
    await app.waitFor('alter table "movie" drop column "mpa";');
    expect(app.frame()).toContain('SQL that rolls it back (down)');
    // Rolling it back loses the seeded ratings: the preview says how many.
    await app.waitFor('⚠ drops movie.mpa: 7 non-empty values');
    await app.waitFor('The model matches the database.');
  });

  it('rolls back to add_mpa_column once the database name is typed: the MPA column leaves the Movies and Database screens; u brings it back', async () => {
    app = renderApp(handle.db);
    await app.waitFor('migrations 5/5 applied');
    await app.press('2');
    await app.waitFor('Migrations 5/5 applied');
    await app.press('j', 'D');
    await app.waitFor('Roll back add_mpa_column and every later migration?');
    expect(app.frame()).toContain('versions_and_changes, list_indexes, unique_title_year, add_mpa_column');
    expect(app.frame()).toContain('⚠ add_mpa_column drops movie.mpa: 7 non-empty values');
    expect(app.frame()).toContain(`Type ${handle.db.name} to confirm`);
    // No single key runs it: y and Enter are not the name.
    await app.press('y', KEY.enter);
    await app.waitFor(`That is not "${handle.db.name}".`);
    expect(await handle.db.movies.hasMpa()).toBe(true);
    for (let i = 0; i < 4; i++) await app.press(KEY.backspace);
    await app.type(handle.db.name);
    await app.press(KEY.enter);
    await app.waitFor('rolled back versions_and_changes, list_indexes, unique_title_year, add_mpa_column');
    await app.waitFor('migrations 1/5 applied');
    // Said once, in the status line (the screen used to print it a second time above).
    expect(app.frame().split('rolled back versions_and_changes').length - 1).toBe(1);
    await app.waitFor('⚠ The model differs from the database');
    await app.waitFor('SQL it will run (up):');
    expect(await handle.db.movies.hasMpa()).toBe(false);
    await app.press('1');
    await app.waitFor(/Title ↑ +Year +Directors +Theatre\s*\n/);
    expect(app.frame()).not.toContain('MPA');
    await app.press('4');
    await app.waitFor('Server version');
    expect(app.frame()).not.toMatch(/\bmpa\b/);

    await app.press('2');
    await app.waitFor('Migrations 1/5 applied');
    await app.press('u');
    await app.waitFor('Apply every pending migration?');
    await app.press('y');
    await app.waitFor('migrations 5/5 applied');
    await app.press('1');
    await app.waitFor(/Theatre +MPA/);
    await app.press('4');
    await app.waitFor(/mpa +character varying\(5\) +null/);
  });

  it('d rolls back only the last one; Esc cancels and nothing changes', async () => {
    app = renderApp(handle.db);
    await app.waitFor('migrations 5/5 applied');
    await app.press('2');
    await app.waitFor('Migrations 5/5 applied');
    await app.press('d');
    await app.waitFor('Roll back versions_and_changes?');
    await app.press(KEY.esc);
    await app.waitFor(() => !app!.frame().includes('Roll back versions_and_changes?'));
    expect((await handle.db.migrations.status()).every((m) => m.applied)).toBe(true);
    // Rolling back versions_and_changes drops the version column, which holds a value on every row.
    await app.press('d');
    await app.waitFor(`Type ${handle.db.name} to confirm`);
    expect(app.frame()).toContain('drops movie.version: 7 non-empty values');
    await app.type(handle.db.name);
    await app.press(KEY.enter);
    await app.waitFor('migrations 4/5 applied');
    // The next ones lose nothing: each asks only once it has counted that.
    await app.press('d');
    await app.waitFor('Roll back list_indexes?');
    await app.press('y');
    await app.waitFor('migrations 3/5 applied');
    await app.press('d');
    await app.waitFor('Roll back unique_title_year?');
    await app.press('y');
    await app.waitFor('migrations 2/5 applied');
    await app.press('G', 'U'); // nothing bound to G here; U applies up to the selected (pending) one
    await app.press('j', 'j', 'U');
    await app.waitFor('Apply up to unique_title_year?');
    await app.press('y');
    await app.waitFor('migrations 3/5 applied');
    await app.press('u');
    await app.waitFor('Apply every pending migration?');
    await app.press('y');
    await app.waitFor('migrations 5/5 applied');
  });

  it('shows the SQL error of a failing migration, and the database is as before', async () => {
    class Migration20251101000000_broken extends Migration {
      override async up(): Promise<void> {
        this.addSql('select * from "no_such_table";');
      }
    }
    const list: MigrationObject[] = [...migrationsList, { name: 'Migration20251101000000_broken', class: Migration20251101000000_broken }];
    const db = await Database.open({ kind: 'embedded', dataDir: newDataDir() }, { migrations: list });
    try {
      await db.migrations.up('versions_and_changes');
      app = renderApp(db);
      await app.waitFor('1 migration is pending, so the app opened here');
      await app.waitFor('· broken pending');
      await app.press('u');
      await app.waitFor('Apply every pending migration?');
      await app.press('y');
      // The message wraps across lines: compare it with the line breaks folded.
      await app.waitFor((f) => f.replace(/\s+/g, ' ').includes('relation "no_such_table" does not exist'));
      expect(app.frame()).toContain('applying failed, nothing was changed');
      expect(app.frame()).toContain('· broken pending');
      expect(app.frame()).toContain('migrations 5/6 applied');
    } finally {
      app?.unmount();
      app = undefined;
      await db.close();
    }
  });
});

describe('the Data screen', () => {
  const handle = useEmbeddedDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'movies-tui-data-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('s runs the seeder and shows inserted and skipped counts', async () => {
    app = renderApp(handle.db);
    await app.waitFor('migrations 5/5 applied');
    await app.press('3');
    await app.waitFor('Press s, i or x.');
    await app.press('s');
    await app.waitFor('seeded: inserted 7, skipped 0');
    await app.press('s');
    await app.waitFor('seeded: inserted 0, skipped 7');
    await app.press('1');
    await app.waitFor('7 movies');
  });

  it('i validates a file and lists the rejected rows before anything is written; n cancels', async () => {
    const file = join(dir, 'messy.csv');
    writeFileSync(file, 'title,year,directors\nHeat,1995,Michael Mann\nBad,19x5,Someone\nNo Director,2000,\n');
    app = renderApp(handle.db);
    await app.waitFor('migrations 5/5 applied');
    await app.press('3', 'i');
    await app.waitFor('Import from (.csv or .json):');
    await app.press('\x15'); // Ctrl+U clears the suggested directory
    await app.type(file);
    await app.press(KEY.enter);
    await app.waitFor('3 rows: 1 valid, 2 rejected');
    expect(app.frame()).toMatch(/line 3 +year +must be a whole number between 1878 and \d{4}/);
    expect(app.frame()).toMatch(/line 4 +directors +at least one director is required/);
    expect(app.frame()).toContain('Import the 1 valid rows? Rejected rows are left out.');
    await app.press('n');
    await app.waitFor('Press s, i or x.');
    expect((await handle.db.movies.list({ search: 'heat' })).movies).toEqual([]);
  });

  it('w writes the rejected rows to a file; y imports the valid ones and every screen sees them', async () => {
    const file = join(dir, 'some.csv');
    writeFileSync(file, 'title,year,directors,mpa\n"Amélie",2001,Jean-Pierre Jeunet,R\nJaws,1975,Steven Spielberg,PG\nOops,1800,X,\n');
    app = renderApp(handle.db);
    await app.waitFor('migrations 5/5 applied');
    await app.press('3', 'i', '\x15');
    await app.type(file);
    await app.press(KEY.enter);
    await app.waitFor('3 rows: 2 valid, 1 rejected');
    await app.press('w');
    await app.waitFor(`wrote 1 rejected rows to ${join(dir, 'some.errors.csv')}`);
    expect(readFileSync(join(dir, 'some.errors.csv'), 'utf8')).toBe(
      `title,year,directors,theatre,mpa,error\nOops,1800,X,,,year: must be a whole number between 1878 and ${new Date().getFullYear() + 10}\n`,
    );
    await app.press('y');
    // Jaws came with the seed: it is skipped, not duplicated.
    await app.waitFor('imported 1, skipped 1 duplicate, rejected 1');
    await app.press('1');
    await app.waitFor('8 movies');
    expect(app.frame()).toContain('Amélie');
  });

  it('x exports every movie; an existing file is replaced only after a confirm', async () => {
    const file = join(dir, 'all.json');
    writeFileSync(file, 'keep me');
    app = renderApp(handle.db);
    await app.waitFor('migrations 5/5 applied');
    await app.press('3', 'x');
    await app.waitFor('Export to (.csv or .json):');
    expect(app.frame()).toContain(`${process.cwd()}/movies.csv`);
    await app.press('\x15');
    await app.type(file);
    await app.press(KEY.enter);
    await app.waitFor(`${file} exists. Replace it?`);
    await app.press('n');
    await app.waitFor('Press s, i or x.');
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    await app.press('x', '\x15');
    await app.type(file);
    await app.press(KEY.enter, 'y');
    await app.waitFor(`exported 8 movies to ${file}`);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { title: string }[];
    expect(exported.map((m) => m.title)).toContain('Amélie');
    expect(exported).toHaveLength(8);
  });

  it('refuses a name that is not .csv or .json, and a file that does not exist, without leaving the prompt', async () => {
    app = renderApp(handle.db);
    await app.waitFor('migrations 5/5 applied');
    await app.press('3', 'i', '\x15');
    await app.type(join(dir, 'notes.txt'));
    await app.press(KEY.enter);
    await app.waitFor('✗ name a .csv or .json file');
    await app.press('\x15');
    await app.type(join(dir, 'missing.csv'));
    await app.press(KEY.enter);
    await app.waitFor('✗ no such file');
    await app.press(KEY.esc);
    await app.waitFor('Press s, i or x.');
  });
});

describe('the Database screen', () => {
  const handle = useEmbeddedDatabase({ seed: true });
  it('shows kind, server version, rows, and the live columns and indexes from the catalog', async () => {
    app = renderApp(handle.db);
    await app.waitFor('migrations 5/5 applied');
    await app.press('4');
    await app.waitFor('Server version');
    const f = app.frame();
    expect(f).toMatch(/Kind: +embedded/);
    expect(f).toMatch(/Movies: +7/);
    expect(f).toMatch(/directors +text\[\] +not null/);
    expect(f).toMatch(/theatre +boolean +not null +true/);
    // 24 rows hold three of the six indexes: the rest are counted, not drawn over the screen.
    expect(f).toContain('  … and 3 more (movies-tui db info lists them all)');
    expect(f).not.toContain('movie_title_year_unique');
    Object.defineProperty(app.stdout, 'rows', { value: 30, configurable: true });
    app.stdout.emit('resize');
    await app.waitFor('CREATE UNIQUE INDEX movie_title_year_unique');
    expect(app.frame()).not.toContain('more (movies-tui db info');
  });

  it('resets only after the database name is typed exactly', async () => {
    app = renderApp(handle.db);
    await app.waitFor('migrations 5/5 applied');
    await app.press('4');
    await app.waitFor('Server version');
    await app.press('R');
    await app.waitFor('Reset the database?');
    await app.type('nope');
    await app.press(KEY.enter);
    await app.waitFor('That is not');
    expect((await handle.db.movies.count()).count).toBe(7);
    for (let i = 0; i < 4; i++) await app.press(KEY.backspace);
    await app.type(handle.db.name);
    await app.press(KEY.enter);
    await app.waitFor('reset: dropped the tables and applied 5 migrations');
    await app.waitFor(/Movies: +0/);
    expect((await handle.db.movies.count()).count).toBe(0);
  });
});

describe('switching screens', () => {
  const handle = useEmbeddedDatabase({ seed: true });
  it('Tab, Shift+Tab and 1–4 switch screens; the list keeps its search and selection', async () => {
    app = renderApp(handle.db);
    await app.waitFor('7 movies');
    await app.press('/');
    await app.type('nolan');
    await app.press(KEY.enter, 'j');
    await app.waitFor('3 movies matching "nolan"');
    await app.press(KEY.tab);
    await app.waitFor('Migrations 5/5');
    await app.press(KEY.tab);
    await app.waitFor('Press s, i or x.');
    await app.press(KEY.shiftTab, KEY.shiftTab);
    await app.waitFor('3 movies matching "nolan"');
    expect(app.frame()).toMatch(/› Interstellar/);
  });
});

describe.skipIf(!serverUrl())('a lost connection', () => {
  it('shows a banner that retries by itself, keeps the app running, and clears once the server answers again', async () => {
    const url = await newServerDatabase();
    const db = await Database.open({ kind: 'server', url, source: 'flag' });
    try {
      await db.migrations.up();
      await db.seeds.run();
      app = renderApp(db);
      await app.waitFor('7 movies');
      // The server drops the app's connections and refuses new ones for a while.
      const name = new URL(url).pathname.slice(1);
      const admin = new pg.Client({ connectionString: serverUrl() });
      await admin.connect();
      try {
        await admin.query(`alter database "${name}" allow_connections false`);
        await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
        await app.press('r');
        await app.waitFor('Lost the connection to the database');
        await app.waitFor(/retrying in \d+ s \(attempt \d+\)/);
        expect(app.frame()).toContain('The Matrix'); // what it had stays on screen
        await app.press('j', 'j');
        expect(app.frame()).toContain('Lost the connection');
      } finally {
        await admin.query(`alter database "${name}" allow_connections true`);
        await admin.end();
      }
      await app.press('r');
      await app.waitFor(() => !app!.frame().includes('Lost the connection'));
      expect(app.frame()).toContain('The Matrix');
    } finally {
      app?.unmount();
      app = undefined;
      await db.close();
    }
  });
});
