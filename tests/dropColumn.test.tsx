// The exercise's last question, in a project: drop a column from the model, generate, and the
// preview says what will be lost (and the database name must be typed); roll back, and the
// column comes back empty, which is said before the rollback runs (CLI and Migrations screen).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Database } from '../src/db/database.js';
import { findProject } from '../src/db/project.js';
import type { Target } from '../src/db/target.js';
import { cleanEnv, run } from './support/cli.js';
import { describeEachDatabase } from './support/databases.js';
import { rawSql } from './support/rawSql.js';
import { renderApp } from './ui/support.js';

const MPA_LINE = 'mpa: p.string().length(5).nullable(),';
const RUNTIME_LINE = '\n    runtime: p.integer().nullable(),';

describeEachDatabase('dropping a column from a project model', (handle) => {
  let root = '';
  let env: NodeJS.ProcessEnv = {};
  let target: Target;
  const cli = (...args: string[]) => run(args, env, '', { cwd: root });
  let opened: Database | undefined;
  afterAll(async () => opened?.close());

  it('generates a drop whose preview counts the values lost, and applies it only with the database name', async () => {
    const base = await handle.fresh();
    root = join(mkdtempSync(join(tmpdir(), 'movies-tui-drop-')), 'films');
    env = base.kind === 'server' ? cleanEnv({ DATABASE_URL: base.url }) : cleanEnv({ MOVIES_TUI_DATA_DIR: base.dataDir });
    expect((await run(['init', root], env)).code).toBe(0);
    target = { ...base, project: findProject(root)! };
    expect((await cli('migrate', 'up')).code).toBe(0);
    expect((await cli('seed')).stdout).toContain('inserted 7');
    const model = join(root, 'model', 'movie.ts');
    const text = readFileSync(model, 'utf8');
    writeFileSync(model, text.replace(MPA_LINE, MPA_LINE + RUNTIME_LINE));
    expect((await cli('migrate', 'create', '-m', 'Add runtime')).code).toBe(0);
    expect((await cli('migrate', 'up')).code).toBe(0);
    // Three movies get a runtime (as psql would set it).
    const db = await Database.open(target);
    await rawSql(db, `update movie set runtime = 120 where title in ('Jaws', 'Inception', 'Heat', 'Pulp Fiction')`);
    await db.close();

    writeFileSync(model, text);
    const created = await cli('migrate', 'create', '-m', 'Drop runtime');
    expect(created.stdout).toContain('alter table "movie" drop column "runtime";');
    const [file] = readdirSync(join(root, 'migrations')).filter((f) => f.endsWith('_drop_runtime.ts'));
    expect(file).toBeDefined();
    const sql = await cli('migrate', 'sql');
    expect(sql.stdout).toContain('--   drop_runtime drops movie.runtime: 3 non-empty values');
    const refused = await cli('migrate', 'up');
    expect(refused.code).toBe(1);
    const name = refused.stderr.match(/--confirm (\S+)\n$/)?.[1];
    expect(refused.stderr).toBe(`movies-tui: migrate up loses data (drop_runtime drops movie.runtime: 3 non-empty values); nothing was changed: to confirm, run it again with --confirm ${name}\n`);
    expect((await cli('migrate', 'status')).stdout).toMatch(/pending +drop_runtime/);
    const applied = await cli('migrate', 'up', '--confirm', name!);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('_drop_runtime');
  });

  it('migrate sql and migrate down say before running that the column comes back empty', async () => {
    const note = 'drop_runtime: movie.runtime comes back empty: its values were dropped when the migration was applied, and PostgreSQL cannot bring them back';
    expect((await cli('migrate', 'sql', 'drop_runtime')).stdout).toContain(`-- rolling back does not bring data back:\n--   ${note}\n`);
    // Two steps back: add_runtime's down drops the column again, which needs the name: refused,
    // nothing runs, and the note was already said.
    const refused = await cli('migrate', 'down', '--to', 'add_runtime');
    expect(refused.code).toBe(1);
    expect(refused.stderr.startsWith(`movies-tui: note: ${note}\nmovies-tui: migrate down loses data`)).toBe(true);
    expect((await cli('migrate', 'status')).stdout).toMatch(/applied +drop_runtime/);

    const down = await cli('migrate', 'down');
    expect(down.code).toBe(0);
    expect(down.stderr).toBe(`movies-tui: note: ${note}\n`);
    expect(down.stdout).toMatch(/^rolled back Migration\d{14}_drop_runtime\n$/);
    // db info shows the history table as stored: the rolled-back migration's row is gone.
    const info = (await cli('db', 'info')).stdout;
    expect(info).toContain("history (mikro_orm_migrations; a migration is applied while its row is here: up inserts it in the migration's own transaction, down deletes it):");
    expect(info).toMatch(/^ +\d+ +Migration\d{14}_add_runtime +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/m);
    expect(info).not.toContain('_drop_runtime');
    opened = await Database.open(target);
    // The column is back, and empty.
    expect(await rawSql(opened, `select count(*)::int as rows, count(runtime)::int as values from movie`)).toEqual([{ rows: 7, values: 0 }]);
  });

  it('d on the Migrations screen says it in the question, before anything runs', async () => {
    const db = opened!;
    await rawSql(db, `update movie set runtime = 90 where title = 'Jaws'`);
    // Apply the drop again, then ask to roll it back.
    await db.migrations.up();
    const app = renderApp(db);
    try {
      await app.waitFor('migrations 7/7 applied');
      await app.press('2');
      await app.waitFor('Migrations 7/7 applied');
      await app.press('d');
      await app.waitFor('Roll back drop_runtime?');
      expect(app.frame()).toContain('⚠ drop_runtime: movie.runtime comes back empty: its values were dropped');
      await app.press('n');
      await app.waitFor((f) => !f.includes('Roll back drop_runtime?'));
      expect((await db.migrations.status()).at(-1)).toMatchObject({ label: 'drop_runtime', applied: true });
      // The preview of the selected (applied) migration says it too.
      await app.press('G');
      await app.press(...Array.from({ length: 7 }, () => 'j'));
      await app.waitFor('SQL that rolls it back (down):');
      await app.waitFor(/alter table "movie" add column "runtime" int4? null;/);
      expect(app.frame()).toContain('⚠ movie.runtime comes back empty');
    } finally {
      app.unmount();
    }
  });
});
