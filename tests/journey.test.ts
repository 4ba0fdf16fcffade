// The course's last exercise from start to end with the CLI, on both databases: init, add a
// column to the model by editing the file, generate and review its migration, apply it, set a
// value, export it, drop the column (the loss is counted and needs the database name), roll
// back (said before it runs: the column comes back empty), rename a column (its values stay),
// and a broken model file (one line, nothing changed).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cleanEnv, run } from './support/cli.js';
import { describeEachDatabase } from './support/databases.js';

const MPA = 'mpa: p.string().length(5).nullable(),';

describeEachDatabase('the exercise in the CLI', (handle) => {
  it('init → add runtime → generate → review → apply → set → export → drop → loss warning → apply → roll back → rename → broken model', { timeout: 300_000 }, async () => {
    const base = await handle.fresh();
    const env = base.kind === 'server' ? cleanEnv({ DATABASE_URL: base.url }) : cleanEnv({ MOVIES_TUI_DATA_DIR: base.dataDir });
    const root = join(mkdtempSync(join(tmpdir(), 'movies-tui-journey-')), 'films');
    const cli = (...args: string[]) => run(args, env, '', { cwd: root });
    const ok = async (...args: string[]) => {
      const result = await cli(...args);
      expect(result.stderr, args.join(' ')).toBe('');
      expect(result.code, args.join(' ')).toBe(0);
      return result.stdout;
    };
    const movies = async () => JSON.parse(await ok('list', '--json')) as Record<string, unknown>[];
    const jaws = async () => (await movies()).find((m) => m.title === 'Jaws')!;

    expect((await run(['init', root], env)).code).toBe(0);
    await ok('migrate', 'up');
    expect(await ok('seed')).toMatch(/^inserted 7, skipped 0/);

    // Add a column by editing the model, as in any editor.
    const modelFile = join(root, 'model', 'movie.ts');
    const original = readFileSync(modelFile, 'utf8');
    writeFileSync(modelFile, original.replace(MPA, `${MPA}\n    runtime: p.integer().nullable(),`));
    const created = await ok('migrate', 'create', '-m', 'Add runtime column');
    expect(created).toContain('alter table "movie" add column "runtime" int null;');
    expect(readdirSync(join(root, 'migrations')).filter((f) => /^Migration\d{14}_add_runtime_column\.ts$/.test(f))).toHaveLength(1);
    // Review before it runs: the pending SQL, and nothing applied yet.
    expect(await ok('migrate', 'sql')).toContain('alter table "movie" add column "runtime" int null;');
    expect((await jaws()).runtime).toBeUndefined();
    expect(await ok('migrate', 'up')).toMatch(/^applied Migration\d{14}_add_runtime_column\n$/);
    expect((await jaws()).runtime).toBeNull();

    // Set a runtime, export, and see it in the file.
    await ok('edit', String((await jaws()).id), '--set', 'runtime=170');
    expect((await jaws()).runtime).toBe(170);
    const csv = join(root, 'movies.csv');
    const exported = await cli('export', csv);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toBe(`exported 7 movies to ${csv}\n`);
    const [header, ...rows] = readFileSync(csv, 'utf8').trim().split('\n');
    expect(header!.split(',')).toContain('runtime');
    const column = header!.split(',').indexOf('runtime');
    expect(rows.find((r) => r.startsWith('Jaws,'))!.split(',')[column]).toBe('170');

    // Drop it: the preview counts what is lost, and only the database name applies it.
    writeFileSync(modelFile, original);
    expect(await ok('migrate', 'create', '-m', 'Drop runtime')).toContain('alter table "movie" drop column "runtime";');
    expect(await ok('migrate', 'sql')).toContain('drop_runtime drops movie.runtime: 1 non-empty values');
    const refused = await cli('migrate', 'up');
    expect(refused.code).toBe(1);
    const name = /--confirm (\S+)\n$/.exec(refused.stderr)?.[1];
    expect(name).toBeDefined();
    expect(await ok('migrate', 'status')).toMatch(/pending +drop_runtime/);
    await ok('migrate', 'up', '--confirm', name!);
    expect(await ok('migrate', 'status')).toMatch(/applied +drop_runtime/);

    // Roll back: said before it runs, and the column comes back empty.
    const down = await cli('migrate', 'down');
    expect(down.code).toBe(0);
    expect(down.stderr).toContain('movie.runtime comes back empty');
    expect(down.stderr).toContain('PostgreSQL cannot bring them back');
    // Back to a model with runtime, without the drop: the learner deletes that migration's file.
    writeFileSync(modelFile, original.replace(MPA, `${MPA}\n    runtime: p.integer().nullable(),`));
    for (const f of readdirSync(join(root, 'migrations')).filter((f) => f.endsWith('_drop_runtime.ts'))) rmSync(join(root, 'migrations', f));
    expect((await jaws()).runtime).toBeNull();

    // Rename: with a value set, a renamed property renames the column.
    await ok('edit', String((await jaws()).id), '--set', 'runtime=171');
    writeFileSync(modelFile, original.replace(MPA, `${MPA}\n    minutes: p.integer().nullable(),`));
    expect(await ok('migrate', 'create', '-m', 'Rename runtime')).toContain('alter table "movie" rename column "runtime" to "minutes";');
    await ok('migrate', 'up');
    expect(await jaws()).toMatchObject({ minutes: 171 });

    // A broken model: one line with its line and column, exit 1, and nothing changed.
    const before = await ok('migrate', 'status');
    writeFileSync(modelFile, original.replace(MPA, `${MPA}\n    minutes: p.integer(.nullable(),`));
    const broken = await cli('migrate', 'create', '-m', 'Whatever');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^movies-tui: model\/movie\.ts:\d+:\d+: .+\n$/);
    expect(broken.stderr).not.toContain('    at ');
    expect(readdirSync(join(root, 'migrations')).filter((f) => f.includes('whatever'))).toEqual([]);
    writeFileSync(modelFile, original.replace(MPA, `${MPA}\n    minutes: p.integer().nullable(),`));
    expect(await ok('migrate', 'status')).toBe(before);
  });
});
