// g (generate a migration from the model's difference, review its SQL) and e (edit a migration's
// file in $EDITOR) on the Migrations screen, on a real database, writing into a copy of the
// migrations folder so the repository's stays as it is.
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from '../../../../src/db/database.js';
import { migrationsSourceDir } from '../../../../src/db/paths.js';
import { newServerDatabase } from '../../../support/databases.js';
import { rawSql } from '../../../support/rawSql.js';
import { KEY } from '../../support.js';
import { SCREEN, appPerTest } from '../setup.js';

const { on, stop } = appPerTest();
let dir: string;
let db: Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'movies-tui-migrations-'));
  for (const f of readdirSync(migrationsSourceDir).filter((f) => f.endsWith('.ts'))) copyFileSync(join(migrationsSourceDir, f), join(dir, f));
  db = await Database.open({ kind: 'server', url: await newServerDatabase(), source: 'flag' }, { migrationsSourceDir: dir });
  await db.migrations.up();
});
afterEach(async () => {
  // The app first, with its calls: one left waiting on a closed pool would wait a minute for a connection.
  await stop();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const written = () => readdirSync(dir).filter((f) => /^Migration\d{14}_/.test(f) && !readdirSync(migrationsSourceDir).includes(f));
const hasMpa = async () => (await rawSql(db, `select 1 from information_schema.columns where table_name = 'movie' and column_name = 'mpa'`)).length === 1;

/** A database without movie.mpa, which the model has: what a new migration must add. */
async function withoutMpa() {
  await rawSql(db, 'alter table movie drop column mpa');
  return on(db, ...SCREEN.migrations);
}

describe('g on the Migrations screen', () => {
  it('asks for a message, writes the migration, shows its up and down SQL before anything runs, and lists it pending', async () => {
    const app = await withoutMpa();
    await app.press('g');
    await app.waitFor('Message for the new migration');
    await app.type('Add mpa column');
    await app.press(KEY.enter);
    await app.waitFor('Migrations 5/6 applied');
    const [file] = written();
    expect(file).toMatch(/^Migration\d{14}_add_mpa_column\.ts$/);
    expect(readFileSync(join(dir, file!), 'utf8').split('\n')[0]).toBe('// Add mpa column');
    const frame = app.frame();
    expect(frame).toContain('Review it before it runs');
    expect(frame).toContain('alter table "movie" add column "mpa"');
    expect(frame).toContain('alter table "movie" drop column "mpa";');
    expect(frame).toMatch(/› · add_mpa_column\s+pending/);
    // Nothing ran: the review comes first.
    expect(await hasMpa()).toBe(false);

    // u applies it, as any pending migration.
    await app.press('u');
    await app.waitFor('Apply every pending migration?');
    await app.press('y');
    await app.waitFor('Migrations 6/6 applied');
    expect(await hasMpa()).toBe(true);
  });

  it('Esc cancels: nothing is written', async () => {
    const app = await withoutMpa();
    await app.press('g');
    await app.waitFor('Message for the new migration');
    await app.type('Add mpa column');
    await app.press(KEY.esc);
    await app.waitFor((f) => !f.includes('Message for the new migration'));
    expect(written()).toEqual([]);
    expect(app.frame()).toContain('Migrations 5/5 applied');
  });

  it('a message with nothing to name the file by is refused in the field', async () => {
    const app = await withoutMpa();
    await app.press('g');
    await app.type('?!');
    await app.press(KEY.enter);
    await app.waitFor('✗ type what it changes, with letters or digits');
    expect(written()).toEqual([]);
  });

  it('when the database matches the model, says so and writes nothing', async () => {
    const app = await on(db, ...SCREEN.migrations);
    await app.press('g');
    await app.type('Nothing');
    await app.press(KEY.enter);
    await app.waitFor('the database already matches the model: no migration created');
    expect(written()).toEqual([]);
  });
});

describe('e on the Migrations screen', () => {
  const editor = process.env.EDITOR;
  afterEach(() => {
    if (editor === undefined) delete process.env.EDITOR;
    else process.env.EDITOR = editor;
  });

  it("runs $EDITOR on the new migration's file and comes back to the list", async () => {
    const script = join(dir, 'editor.sh');
    writeFileSync(script, '#!/bin/sh\necho "// reviewed by the editor" >> "$1"\n');
    chmodSync(script, 0o755);
    process.env.EDITOR = script;
    const app = await withoutMpa();
    await app.press('g');
    await app.type('Add mpa column');
    await app.press(KEY.enter);
    await app.waitFor('Migrations 5/6 applied');
    await app.press('e');
    const [file] = written();
    await app.waitFor(`edited ${join(dir, file!)}`);
    expect(readFileSync(join(dir, file!), 'utf8')).toMatch(/\n\/\/ reviewed by the editor\n$/);
    expect(app.frame()).toMatch(/› · add_mpa_column\s+pending/);
  });

  it('says so when the editor fails', async () => {
    process.env.EDITOR = 'false';
    const app = await on(db, ...SCREEN.migrations);
    await app.press('e');
    await app.waitFor('false ended with exit code 1');
  });
});

describe('e on a migration built into the installed package', () => {
  it('says there is no file to edit', async () => {
    const installed = await Database.open({ kind: 'server', url: await newServerDatabase(), source: 'flag' }, { migrationsSourceDir: null });
    try {
      await installed.migrations.up();
      const app = await on(installed, ...SCREEN.migrations);
      await app.press('e');
      await app.waitFor('initial is built into the installed package: there is no file to edit here');
    } finally {
      await stop();
      await installed.close();
    }
  });
});
