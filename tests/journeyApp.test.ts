// The course's last exercise from start to end in the app, in a real terminal, on both
// databases: the Model screen adds runtime, Migrations generates and applies it, the Database
// screen marks it, the form sets a runtime, the Data screen exports it, the Model screen drops
// it, the loss is counted and needs the database name, and the rollback says first that the
// column comes back empty.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { Database } from '../src/db/database.js';
import { findProject } from '../src/db/project.js';
import { CLI, cleanEnv, run } from './support/cli.js';
import { describeEachDatabase } from './support/databases.js';
import { spawnPty, type PtyApp } from './support/pty.js';
import { rawSql } from './support/rawSql.js';

let app: PtyApp | undefined;
afterEach(() => {
  app?.kill('SIGKILL');
  app = undefined;
});

describeEachDatabase('the exercise in the app', (handle) => {
  it('5 a runtime → 2 g u → 4 shows + runtime → form sets it → 3 x exports it → 5 d → 2 g u (name typed) → d says it comes back empty', { timeout: 300_000 }, async () => {
    const base = await handle.fresh();
    const env = base.kind === 'server' ? cleanEnv({ DATABASE_URL: base.url }) : cleanEnv({ MOVIES_TUI_DATA_DIR: base.dataDir });
    const root = join(mkdtempSync(join(tmpdir(), 'movies-tui-journey-app-')), 'films');
    expect((await run(['init', root], env)).code).toBe(0);
    expect((await run(['migrate', 'up'], env, '', { cwd: root })).code).toBe(0);
    expect((await run(['seed'], env, '', { cwd: root })).stdout).toMatch(/^inserted 7/);

    app = spawnPty(process.execPath, [CLI], { env, cwd: root, cols: 120, rows: 34 });
    await app.waitFor('migrations 5/5 applied', 30_000);
    // The Model screen: add runtime, an integer (the picker's first choice) that may be null.
    await app.press('5');
    await app.waitFor(/version +integer default 1 +integer default 1/, 30_000);
    await app.press('a');
    await app.waitFor('Add a column to the model');
    await app.type('runtime');
    await app.press('tab', 'tab', 'tab', 'tab', 'enter');
    await app.waitFor('✓ added runtime integer null to model/movie.ts');
    expect(readFileSync(join(root, 'model', 'movie.ts'), 'utf8')).toContain('    runtime: p.integer().nullable(),\n');

    // Generate, review, apply; the Database screen marks the new column.
    await app.press('2', 'g');
    await app.type('Add runtime column');
    await app.press('enter');
    await app.waitFor('Review it before it runs');
    expect(app.screen()).toContain('alter table "movie" add column "runtime" int null;');
    await app.press('u');
    await app.waitFor('y: yes');
    await app.press('y');
    await app.waitFor('✓ applied add_runtime_column');
    await app.press('4');
    await app.waitFor(/^\+ runtime +integer +null/m);

    // The form has a runtime field: set one for Jaws.
    await app.press('1', '/');
    await app.type('Jaws');
    await app.press('enter');
    await app.waitFor(/Jaws +1975/);
    await app.press('e');
    await app.waitFor('Edit "Jaws"');
    await app.press('tab', 'tab', 'tab', 'tab', 'tab');
    await app.waitFor(/› runtime/);
    await app.type('124');
    await app.press('ctrlS');
    await app.waitFor('saved Jaws (1975)');
    await app.waitFor(/Jaws +1975 +Steven Spielberg +yes +.*124/);

    // Export: the file has the column and the value.
    const csv = join(root, 'films.csv');
    await app.press('3', 'x');
    await app.waitFor('Export to (.csv or .json):');
    await app.press('\x15');
    await app.type(csv);
    await app.press('enter');
    await app.waitFor(`exported 7 movies to ${csv}`, 30_000);
    const [header, ...rows] = readFileSync(csv, 'utf8').trim().split('\n');
    const at = header!.split(',').indexOf('runtime');
    expect(at).toBeGreaterThan(0);
    expect(rows.find((r) => r.startsWith('Jaws,'))!.split(',')[at]).toBe('124');

    // Drop it from the model, generate: the loss is counted, and the database name is typed to apply.
    await app.press('5');
    await app.waitFor(/runtime +integer null +integer null/);
    await app.press(...Array<string>(7).fill('j'), 'd');
    await app.waitFor('Drop runtime from the model?');
    await app.press('y');
    await app.waitFor('dropped runtime from model/movie.ts');
    await app.press('2', 'g');
    await app.type('Drop runtime');
    await app.press('enter');
    await app.waitFor('Review it before it runs');
    expect(app.screen()).toContain('alter table "movie" drop column "runtime";');
    await app.press('u');
    await app.waitFor('drops movie.runtime: 1 non-empty values');
    const name = /Type (\S+) to confirm/.exec(app.screen())?.[1];
    expect(name).toBeDefined();
    await app.type(name!);
    await app.press('enter');
    await app.waitFor('✓ applied drop_runtime');
    await app.press('4');
    await app.waitFor(/^− runtime +integer/m);

    // Roll back: the question says first that the column comes back empty.
    await app.press('2', 'd');
    await app.waitFor('Roll back drop_runtime?');
    await app.waitFor('movie.runtime comes back empty');
    await app.press('y');
    await app.waitFor('✓ rolled back drop_runtime');
    await app.press('q');
    expect((await app.exited).exitCode).toBe(0);

    const db = await Database.open({ ...base, project: findProject(root)! });
    try {
      expect(await rawSql(db, 'select count(*)::int as rows, count(runtime)::int as "values" from movie')).toEqual([{ rows: 7, values: 0 }]);
    } finally {
      await db.close();
    }
  });
});
