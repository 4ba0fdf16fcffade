// A movies-tui project (`movies-tui init`): its own model, migrations and embedded database,
// found from the current folder upwards, and loaded at run time with no build step.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addColumn } from '../src/db/modelEdit.js';
import { cleanEnv, run } from './support/cli.js';
import { newDataDir, newServerDatabase, serverUrl } from './support/databases.js';

const COURSE_MIGRATIONS = readdirSync(new URL('../migrations', import.meta.url)).filter((f) => /^Migration\d{14}_\w+\.ts$/.test(f)).sort();
const WRITTEN = ['.gitignore', 'README.md', ...COURSE_MIGRATIONS.map((f) => `migrations/${f}`), 'model/movie.ts', 'movies-tui.json', 'seeds/movies.ts'];

/** A new project in an empty temp folder, made by the built CLI. */
async function newProject(env: NodeJS.ProcessEnv): Promise<string> {
  const root = join(mkdtempSync(join(tmpdir(), 'movies-tui-project-')), 'films');
  const init = await run(['init', root], env);
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  return root;
}

interface Column {
  name: string;
  type: string;
  nullable: boolean;
}

async function columns(env: NodeJS.ProcessEnv, cwd: string): Promise<Column[]> {
  const info = await run(['db', 'info', '--json'], env, '', { cwd });
  expect(info.stderr).toBe('');
  return (JSON.parse(info.stdout) as { columns: Column[] }).columns;
}

/** The exercise, by hand: migrate, seed, add a column to the model, generate its migration, apply it. */
async function journey(env: NodeJS.ProcessEnv, root: string, where: RegExp): Promise<void> {
  const sub = join(root, 'notes', 'deeper');
  mkdirSync(sub, { recursive: true });
  const up = await run(['migrate', 'up'], env, '', { cwd: sub });
  expect(up.code).toBe(0);
  const seed = await run(['seed'], env, '', { cwd: sub });
  expect(seed.stdout).toContain('inserted 7');
  const list = await run(['list'], env, '', { cwd: root });
  expect(list.code).toBe(0);
  expect(list.stdout).toContain('Spirited Away');
  const info = await run(['db', 'info'], env, '', { cwd: sub });
  expect(info.stdout).toContain(`project:         films (${root})`);
  expect(info.stdout).toMatch(where);

  const model = join(root, 'model', 'movie.ts');
  const text = readFileSync(model, 'utf8');
  expect(text).toContain('mpa: p.string().length(5).nullable(),');
  writeFileSync(model, text.replace('mpa: p.string().length(5).nullable(),', 'mpa: p.string().length(5).nullable(),\n    runtime: p.integer().nullable(),'));
  expect((await run(['migrate', 'check'], env, '', { cwd: sub })).code).toBe(1);
  const created = await run(['migrate', 'create', 'add_runtime'], env, '', { cwd: sub });
  expect(created.stderr).toBe('');
  expect(created.code).toBe(0);
  const [file] = readdirSync(join(root, 'migrations')).filter((f) => f.endsWith('_add_runtime.ts'));
  expect(created.stdout).toContain(`created ${join(root, 'migrations', file!)}`);
  expect(created.stdout).not.toContain('npm run build');
  expect(readFileSync(join(root, 'migrations', file!), 'utf8')).toContain('alter table "movie" add column "runtime" int null;');
  expect(await columns(env, sub)).not.toContainEqual(expect.objectContaining({ name: 'runtime' }));

  const applied = await run(['migrate', 'up'], env, '', { cwd: sub });
  expect(applied.stdout).toBe(`applied ${file!.replace(/\.ts$/, '')}\n`);
  expect(await columns(env, sub)).toContainEqual({ name: 'runtime', type: 'integer', nullable: true, default: null });
  expect((await run(['migrate', 'check'], env, '', { cwd: root })).stdout).toContain('the database matches the model');
  expect((await run(['list'], env, '', { cwd: sub })).stdout).toContain('Spirited Away');
}

describe('movies-tui init and projects', { timeout: 300_000 }, () => {
  it('init writes the model, the migrations, a config file, a .gitignore and a README, and exits 0', async () => {
    const env = cleanEnv();
    const parent = mkdtempSync(join(tmpdir(), 'movies-tui-project-'));
    const init = await run(['init'], env, '', { cwd: parent });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(`made ${parent} a movies-tui project; wrote:`);
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
    expect(files(parent).sort()).toEqual(WRITTEN);
    for (const file of WRITTEN) expect(init.stdout).toContain(`  ${file}\n`);
    expect(readFileSync(join(parent, 'model/movie.ts'), 'utf8')).toContain("defineEntity({\n  name: 'Movie'");
    expect(JSON.parse(readFileSync(join(parent, 'movies-tui.json'), 'utf8'))).toEqual({ model: 'model/movie.ts', migrations: 'migrations', dataDir: '.movies-tui/data', seeds: 'seeds/movies.ts' });
    expect(readFileSync(join(parent, '.gitignore'), 'utf8')).toMatch(/^\.movies-tui\/$/m);
  });

  it('init refuses to overwrite: one line, exit 1, and nothing written when any file is there', async () => {
    const env = cleanEnv();
    const dir = mkdtempSync(join(tmpdir(), 'movies-tui-project-'));
    mkdirSync(join(dir, 'model'));
    writeFileSync(join(dir, 'model', 'movie.ts'), 'mine');
    const refused = await run(['init', dir], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`movies-tui: ${join(dir, 'model', 'movie.ts')} already exists: init never overwrites a file, and wrote nothing\n`);
    expect(readdirSync(dir)).toEqual(['model']);
    expect(readFileSync(join(dir, 'model', 'movie.ts'), 'utf8')).toBe('mine');

    const root = await newProject(env);
    writeFileSync(join(root, 'README.md'), 'my notes');
    const again = await run(['init'], env, '', { cwd: root });
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toBe('my notes');
    expect((await run(['init', 'a', 'b'], env)).code).toBe(2);
  });

  it("inside a project, every command uses its model, migrations and own embedded database; a new column needs no build", async () => {
    // No MOVIES_TUI_DATA_DIR: the project's folder holds the data.
    const env = cleanEnv();
    const root = await newProject(env);
    await journey(env, root, new RegExp(`database: +embedded \\(${root}/\\.movies-tui/data\\)`));
    expect(existsSync(join(root, '.movies-tui', 'data'))).toBe(true);
    // The user's data dir outside the project was never touched.
    expect(existsSync(join(env.HOME!, '.local', 'share', 'movies-tui'))).toBe(false);
    // MOVIES_TUI_DATA_DIR still wins over the project's data dir.
    const other = newDataDir();
    const info = await run(['db', 'info'], { ...env, MOVIES_TUI_DATA_DIR: other }, '', { cwd: root });
    expect(info.stdout).toContain(`database:        embedded (${other})`);
    expect(info.stdout).toContain('project:         films');
  });

  it.skipIf(!serverUrl())('with DATABASE_URL, a project uses its model and migrations on that server', async () => {
    const url = await newServerDatabase();
    const env = cleanEnv({ DATABASE_URL: url });
    const root = await newProject(env);
    await journey(env, root, new RegExp(`database: +postgresql://\\S+/${new URL(url).pathname.slice(1)}\n`));
    expect(existsSync(join(root, '.movies-tui'))).toBe(false);
  });

  it('an invalid model file is one line naming the file, line and column; exit 1, no stack', async () => {
    const env = cleanEnv({ MOVIES_TUI_DATA_DIR: newDataDir() });
    const root = await newProject(env);
    const model = join(root, 'model', 'movie.ts');
    writeFileSync(model, readFileSync(model, 'utf8').replace('year: p.integer(),', 'year: p.integer(,'));
    const line = readFileSync(model, 'utf8').split('\n').findIndex((l) => l.includes('p.integer(,')) + 1;
    const result = await run(['list'], env, '', { cwd: join(root, 'migrations') });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^movies-tui: model/movie\\.ts:${line}:\\d+: Unexpected token [^\\n]*\\n$`));
    // The same line and column as the Model screen's edits give for the same file.
    const edit = (() => {
      try {
        addColumn(readFileSync(model, 'utf8'), { name: 'runtime', kind: 'integer', nullable: true });
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(result.stderr).toContain(`model/movie.ts:${/ at (\d+:\d+) /.exec(edit ?? '')?.[1]}: `);
  });
});
