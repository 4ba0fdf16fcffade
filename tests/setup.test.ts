// The README's quick start on a fresh machine: `npm install` compiles nothing, and `npx movies-tui`
// starts the build in place instead of installing the clone into npm's npx cache.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

/** npm as on a fresh machine: empty HOME and cache, no user config, nothing inherited from `npm test`. */
function freshNpmEnv(): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'movies-tui-home-'));
  writeFileSync(join(home, '.npmrc'), '');
  return {
    PATH: process.env.PATH,
    HOME: home,
    npm_config_cache: join(home, '.npm'),
    npm_config_userconfig: join(home, '.npmrc'),
    npm_config_update_notifier: 'false',
  };
}

describe('npm install on a machine without a compiler', () => {
  it('installs no package that compiles at install time (no node-gyp, no native addon build)', () => {
    const packages = Object.entries(lock.packages as Record<string, { hasInstallScript?: boolean; dependencies?: object }>);
    const names = packages.map(([path]) => path.split('node_modules/').pop());
    expect(names).not.toContain('node-pty');
    expect(names).not.toContain('node-gyp');
    expect(names).not.toContain('node-addon-api');
    // npm 11 runs a dependency's install script only if allowScripts approves it: approve none.
    const withScripts = packages.filter(([, p]) => p.hasInstallScript).map(([path]) => path.replace(/^.*node_modules\//, ''));
    for (const name of withScripts) expect(pkg.allowScripts?.[name], `${name} has an install script`).toBe(false);
  });
});

describe('npx movies-tui in a clone', () => {
  it('runs the build in place through node_modules/.bin, never installing the clone into the npx cache', () => {
    // A root package.json with a `bin` named movies-tui makes npm 11 install the clone into its
    // npx cache and run `prepare` again (15 s and more); see scripts/pack.mjs.
    expect(pkg.bin).toBeUndefined();
    const env = freshNpmEnv();
    const result = spawnSync('npx', ['movies-tui', '--version'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${pkg.version}\n`);
    expect(existsSync(join(env.npm_config_cache!, '_npx'))).toBe(false);
  });
});

describe('the package for installing elsewhere', () => {
  it('`npm run package` makes a tarball whose package.json has the movies-tui bin and the built files', () => {
    const out = mkdtempSync(join(tmpdir(), 'movies-tui-pack-'));
    execFileSync(process.execPath, ['scripts/pack.mjs', '--pack-destination', out, '--silent'], { cwd: root, env: freshNpmEnv(), stdio: 'pipe' });
    const [tarball] = readdirSync(out);
    expect(tarball).toBe(`movies-tui-${pkg.version}.tgz`);
    const tgz = join(out, tarball!);
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tgz, 'package/package.json'], { encoding: 'utf8' }));
    expect(manifest.bin).toEqual({ 'movies-tui': 'dist/bundle/cli.js' });
    expect(manifest.dependencies).toEqual(pkg.dependencies);
    expect(manifest.devDependencies).toBeUndefined();
    expect(manifest.scripts).toBeUndefined();
    const files = execFileSync('tar', ['-tzvf', tgz], { encoding: 'utf8' });
    expect(files).toMatch(/^-rwxr-xr-x .* package\/dist\/bundle\/cli\.js$/m);
    expect(files).toMatch(/ package\/dist\/src\/db\/pgliteWorker\.js$/m);
    expect(files).toMatch(/ package\/README\.md$/m);
    expect(files).not.toMatch(/ package\/(src|tests|scripts)\//m);
  });

  it('plain `npm pack` at the root refuses and names `npm run package`, rather than make a package without the command', () => {
    const result = spawnSync('npm', ['pack', '--dry-run'], { cwd: root, env: freshNpmEnv(), encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('movies-tui: make the package with `npm run package`');
  });
});
