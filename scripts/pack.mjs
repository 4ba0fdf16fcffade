// `npm run package`: the tarball to install elsewhere (movies-tui-<version>.tgz).
//
// Why not plain `npm pack`: the root package.json declares no `bin`. When it does, npm 11 runs
// `npx movies-tui` in a clone by installing the clone itself into its npx cache (libnpmexec's
// "self-execution of a local bin"), which runs `prepare` (tsc and esbuild) again: 15–40 s of blank
// screen on the first run, about a second on every later one. Without it, npx finds
// node_modules/.bin/movies-tui (the dev dependency in scripts/local-bin) and starts at once.
// So the published package.json is the root one plus `bin`, minus what only a clone needs,
// written into a staging copy of the `files` and packed from there.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (process.env.npm_lifecycle_event === 'prepack') {
  // `npm pack` / `npm publish` at the root would make a package without the movies-tui command.
  console.error('movies-tui: make the package with `npm run package` (see scripts/pack.mjs for why)');
  process.exit(1);
}

const root = JSON.parse(readFileSync('package.json', 'utf8'));
const { scripts, devDependencies, allowScripts, ...published } = root;
published.bin = { 'movies-tui': 'dist/bundle/cli.js' };

const stage = mkdtempSync(join(tmpdir(), 'movies-tui-package-'));
try {
  for (const path of root.files) cpSync(path, join(stage, path), { recursive: true });
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
  // Extra arguments go to npm pack (the tests use --dry-run --json).
  execFileSync('npm', ['pack', stage, '--pack-destination', process.cwd(), ...process.argv.slice(2)], { stdio: 'inherit' });
} finally {
  rmSync(stage, { recursive: true, force: true });
}
