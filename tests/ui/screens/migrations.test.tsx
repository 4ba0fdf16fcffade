import type { MigrationObject } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsList } from '../../../migrations/index.js';
import { initProject } from '../../../src/cli/init.js';
import { Database } from '../../../src/db/database.js';
import { findProject } from '../../../src/db/project.js';
import { newDataDir } from '../../support/databases.js';
import { KEY, type Rendered } from '../support.js';
import { SCREEN, appPerTest, databasePerTest } from './setup.js';

const handle = databasePerTest({ seed: true });
const { start, on, stop } = appPerTest();
const LATER = 'versions_and_changes, list_indexes, unique_title_year, add_mpa_column';

/** The Migrations screen with add_mpa_column selected and D's dialog open. */
async function askToRollBackToAddMpa(): Promise<Rendered> {
  const app = await on(handle.db, ...SCREEN.migrations);
  await app.press('j', 'D');
  await app.waitFor('Roll back add_mpa_column and every later migration?');
  return app;
}

/**
 * Waits until the status line and then the screen's own list say `applied` of 5 are applied:
 * keys meant for the new list must not meet the one the screen is still reloading.
 */
async function applied(app: Rendered, count: number): Promise<void> {
  await app.waitFor(`migrations ${count}/5 applied`);
  await app.waitFor(`Migrations ${count}/5 applied`);
}

/** D on add_mpa_column, confirmed with the database name: 1/5 applied, movie.mpa gone. */
async function rollBackToAddMpa(): Promise<Rendered> {
  const app = await askToRollBackToAddMpa();
  await app.type(handle.db.name);
  await app.press(KEY.enter);
  await applied(app, 1);
  return app;
}

/** d three times (the first confirmed with the database name): 2/5 applied, the selection on initial. */
async function rollBackLastThree(): Promise<Rendered> {
  const app = await on(handle.db, ...SCREEN.migrations);
  await app.press('d');
  await app.waitFor(`Type ${handle.db.name} to confirm`);
  await app.type(handle.db.name);
  await app.press(KEY.enter);
  await applied(app, 4);
  for (const [name, left] of [['list_indexes', 3], ['unique_title_year', 2]] as const) {
    await app.press('d');
    await app.waitFor(`Roll back ${name}?`);
    await app.press('y');
    await applied(app, left);
  }
  return app;
}

describe('the Migrations screen, before anything runs', () => {
  it('lists each migration as applied, with the time it ran', async () => {
    const app = await on(handle.db, ...SCREEN.migrations);
    expect(app.frame()).toMatch(/› ✓ initial \d{4}-\d\d-\d\d \d\d:\d\d/);
  });

  it('shows the SQL that rolls back the selected migration', async () => {
    const app = await on(handle.db, ...SCREEN.migrations);
    await app.waitFor('drop table if exists "movie" cascade;');
  });

  it('j selects the next migration and shows its rollback SQL', async () => {
    const app = await on(handle.db, ...SCREEN.migrations);
    await app.press('j');
    await app.waitFor('alter table "movie" drop column "mpa";');
    expect(app.frame()).toContain('SQL that rolls it back (down)');
  });

  it('counts the values a rollback would drop', async () => {
    const app = await on(handle.db, ...SCREEN.migrations);
    await app.press('j');
    await app.waitFor('⚠ drops movie.mpa: 7 non-empty values');
  });

  it('says the model matches the database', async () => {
    const app = await on(handle.db, ...SCREEN.migrations);
    await app.press('j');
    await app.waitFor('The model matches the database.');
  });
});

describe('D, rolling back to the selected migration', () => {
  it('asks to roll back the selected migration and every later one, with what each drops', async () => {
    const app = await askToRollBackToAddMpa();
    expect(app.frame()).toContain(LATER);
    expect(app.frame()).toContain('⚠ add_mpa_column drops movie.mpa: 7 non-empty values');
    expect(app.frame()).toContain(`Type ${handle.db.name} to confirm`);
  });

  it('is not confirmed by y or Enter: only the database name runs it', async () => {
    const app = await askToRollBackToAddMpa();
    await app.press('y', KEY.enter);
    await app.waitFor(`That is not "${handle.db.name}".`);
    expect(await handle.db.movies.hasMpa()).toBe(true);
  });

  it('after a wrong answer, takes the database name typed over it', async () => {
    const app = await askToRollBackToAddMpa();
    await app.press('y', KEY.enter);
    await app.waitFor(`That is not "${handle.db.name}".`);
    for (let i = 0; i < 4; i++) await app.press(KEY.backspace);
    await app.type(handle.db.name);
    await app.press(KEY.enter);
    await applied(app, 1);
    expect(await handle.db.movies.hasMpa()).toBe(false);
  });

  it('rolls back once the database name is typed', async () => {
    const app = await rollBackToAddMpa();
    await app.waitFor(`rolled back ${LATER}`);
    expect(await handle.db.movies.hasMpa()).toBe(false);
  });

  it('says what it rolled back once, in the status line', async () => {
    const app = await rollBackToAddMpa();
    await app.waitFor(`rolled back ${LATER}`);
    expect(app.frame().split('rolled back versions_and_changes').length - 1).toBe(1);
  });

  it('then says the model differs and shows the SQL that applying would run', async () => {
    const app = await rollBackToAddMpa();
    await app.waitFor('⚠ The model differs from the database');
    await app.waitFor('SQL it will run (up):');
  });

  it('takes the MPA column off the Movies screen', async () => {
    const app = await rollBackToAddMpa();
    await app.press('1');
    await app.waitFor(/Title ↑ +Year +Directors +Theatre\s*\n/);
    expect(app.frame()).not.toContain('MPA');
  });

  it('takes the mpa column off the Database screen: shown dropped (−) until the next key, then gone', async () => {
    const app = await rollBackToAddMpa();
    await app.press('4');
    await app.waitFor(/^− mpa +character varying\(5\) +null +\(dropped\)$/m);
    await app.press('r');
    await app.waitFor((f) => f.includes('Server version') && !/\bmpa\b/.test(f));
  });
});

describe('d, rolling back the last migration', () => {
  it('Esc cancels and nothing changes', async () => {
    const app = await on(handle.db, ...SCREEN.migrations);
    await app.press('d');
    await app.waitFor('Roll back versions_and_changes?');
    await app.press(KEY.esc);
    await app.waitFor((f) => !f.includes('Roll back versions_and_changes?'));
    expect((await handle.db.migrations.status()).every((m) => m.applied)).toBe(true);
  });

  it('asks for the database name when the migration drops values', async () => {
    // Rolling back versions_and_changes drops the version column, which holds a value on every row.
    const app = await on(handle.db, ...SCREEN.migrations);
    await app.press('d');
    await app.waitFor(`Type ${handle.db.name} to confirm`);
    expect(app.frame()).toContain('drops movie.version: 7 non-empty values');
    await app.type(handle.db.name);
    await app.press(KEY.enter);
    await app.waitFor('migrations 4/5 applied');
  });

  it('asks only y or n, once it has counted that a migration loses nothing', async () => {
    // rollBackLastThree answers the two such migrations (list_indexes, unique_title_year) with y.
    const app = await rollBackLastThree();
    expect(app.frame()).toContain('migrations 2/5 applied');
  });
});

describe('applying', () => {
  it('G is not bound here, and U on an applied migration asks nothing', async () => {
    const app = await rollBackLastThree();
    const before = app.frame();
    await app.press('G', 'U');
    expect(app.frame()).toBe(before);
  });

  it('U applies up to the selected pending migration, after a confirm', async () => {
    const app = await rollBackLastThree();
    await app.press('j', 'j', 'U');
    await app.waitFor('Apply up to unique_title_year?');
    await app.press('y');
    await app.waitFor('migrations 3/5 applied');
  });

  it('u applies every pending migration, after a confirm', async () => {
    const app = await rollBackToAddMpa();
    await app.press('u');
    await app.waitFor('Apply every pending migration?');
    await app.press('y');
    await app.waitFor('migrations 5/5 applied');
  });

  it('brings a column back to the Movies and Database screens that showed it gone', async () => {
    const app = await rollBackToAddMpa();
    await app.press('1');
    await app.waitFor(/Title ↑ +Year +Directors +Theatre\s*\n/);
    await app.press('4');
    await app.waitFor('Server version');
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
      const app = await start(db, '1 migration is pending, so the app opened here');
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
      await stop();
      await db.close();
    }
  });
});

describe('a migration file written while the app is open (migrate create elsewhere, git pull)', () => {
  it('is listed pending on coming back to the Migrations screen', async () => {
    const root = join(mkdtempSync(join(tmpdir(), 'movies-tui-newfile-')), 'films');
    initProject(root);
    const project = findProject(root)!;
    const db = await Database.open({ kind: 'embedded', dataDir: newDataDir(), project });
    try {
      await db.migrations.up();
      const app = await start(db, 'movies-tui');
      await app.press('2');
      await app.waitFor('Migrations 5/5 applied');
      await app.press('1');
      await app.waitFor('Movies');
      const name = 'Migration20991231000000_add_tagline';
      writeFileSync(
        join(project.migrations, `${name}.ts`),
        `import { Migration } from '@mikro-orm/migrations';\nexport class ${name} extends Migration {\n  override async up(): Promise<void> {\n    this.addSql('alter table "movie" add column "tagline" text null;');\n  }\n}\n`,
      );
      await app.press('2');
      await app.waitFor('· add_tagline pending');
      expect(app.frame()).toContain('Migrations 5/6 applied');
    } finally {
      await stop();
      await db.close();
    }
  });
});
