// The course's exercise as `npx movies-tui` users meet it: the packed tarball installed into an
// empty folder elsewhere, then init, a column added to the model, a migration generated and
// applied, all with the installed command (no source checkout, no build, no TypeScript).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, run } from './support/cli.js';

const root = join(import.meta.dirname, '..');

/** npm as on a fresh machine: empty HOME and cache, no user config. */
function freshNpmEnv(home: string): NodeJS.ProcessEnv {
  writeFileSync(join(home, '.npmrc'), '');
  return { PATH: process.env.PATH, HOME: home, npm_config_cache: join(home, '.npm'), npm_config_userconfig: join(home, '.npmrc'), npm_config_update_notifier: 'false' };
}

describe('a project from the installed package', { timeout: 600_000 }, () => {
  let cli = '';
  beforeAll(() => {
    const home = mkdtempSync(join(tmpdir(), 'movies-tui-home-'));
    const env = freshNpmEnv(home);
    const out = mkdtempSync(join(tmpdir(), 'movies-tui-pack-'));
    execFileSync(process.execPath, ['scripts/pack.mjs', '--pack-destination', out, '--silent'], { cwd: root, env, stdio: 'pipe' });
    const tarball = join(out, readdirSync(out)[0]!);
    const prefix = mkdtempSync(join(tmpdir(), 'movies-tui-installed-'));
    writeFileSync(join(prefix, 'package.json'), '{"name":"elsewhere","private":true}\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: prefix, env, stdio: 'pipe' });
    cli = join(prefix, 'node_modules', 'movies-tui', 'dist', 'bundle', 'cli.js');
  }, 600_000);

  it('init, add runtime to the model, generate "Add runtime column", apply it: the table has runtime', async () => {
    const env = cleanEnv();
    const project = join(mkdtempSync(join(tmpdir(), 'movies-tui-project-')), 'films');
    const where = { cwd: project, cli };
    expect((await run(['init', project], env, '', { cli })).code).toBe(0);
    expect((await run(['migrate', 'up'], env, '', where)).code).toBe(0);
    expect((await run(['seed'], env, '', where)).stdout).toContain('inserted 7');

    const model = join(project, 'model', 'movie.ts');
    const text = readFileSync(model, 'utf8');
    writeFileSync(model, text.replace('mpa: p.string().length(5).nullable(),', 'mpa: p.string().length(5).nullable(),\n    runtime: p.integer().nullable(),'));
    const created = await run(['migrate', 'create', '-m', 'Add runtime column'], env, '', where);
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain('alter table "movie" add column "runtime" int null;');
    expect(readdirSync(join(project, 'migrations')).filter((f) => f.endsWith('_add_runtime_column.ts'))).toHaveLength(1);
    expect((await run(['migrate', 'up'], env, '', where)).stdout).toMatch(/^applied Migration\d{14}_add_runtime_column\n$/);

    const info = JSON.parse((await run(['db', 'info', '--json'], env, '', where)).stdout) as { columns: { name: string; type: string }[]; project?: { name: string } };
    expect(info.project?.name).toBe('films');
    expect(info.columns).toContainEqual(expect.objectContaining({ name: 'runtime', type: 'integer' }));
  });
});
