import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Target } from '../src/db/target.js';
import { CLI, envFor, run } from './support/cli.js';
import { newDataDir, newServerDatabase, serverUrl } from './support/databases.js';
import { spawnPty } from './support/pty.js';
import { snapshotOf } from './support/snapshot.js';

const nameOf = (target: Target) => (target.kind === 'server' ? new URL(target.url).pathname.slice(1) : basename(target.dataDir));

/** A migrated database with two rated movies and one without a rating. */
async function rated(kind: Target['kind']): Promise<Target> {
  const target: Target = kind === 'embedded' ? { kind, dataDir: newDataDir() } : { kind, url: await newServerDatabase(), source: 'flag' };
  const env = envFor(target);
  expect((await run(['migrate', 'up'], env)).code).toBe(0);
  for (const [title, mpa] of [['Heat', 'R'], ['Jaws', 'PG'], ['Alien', '']] as const) {
    expect((await run(['add', '--title', title, '--year', '1990', '--director', 'Someone', ...(mpa ? ['--mpa', mpa] : [])], env)).code).toBe(0);
  }
  return target;
}

for (const kind of ['embedded', 'server'] as const) {
  describe.skipIf(kind === 'server' && !serverUrl())(`migrations that lose data, on the command line (${kind})`, { timeout: 240_000 }, () => {
    it('refuse without the database name, saying what would be lost and how to confirm; run with --confirm <name>', async () => {
      const target = await rated(kind);
      const env = envFor(target);
      const name = nameOf(target);
      const before = await snapshotOf(target);

      expect((await run(['migrate', 'sql', 'add_mpa_column'], env)).stdout).toContain('--   add_mpa_column drops movie.mpa: 2 non-empty values');

      const refused = await run(['migrate', 'down', '--to', 'add_mpa_column'], env);
      expect(refused).toMatchObject({ code: 1, stdout: '' });
      // One line; later migrations may add their own losses to the list.
      expect(refused.stderr).toMatch(/^movies-tui: migrate down loses data \([^\n]*add_mpa_column drops movie\.mpa: 2 non-empty values[^\n]*\); nothing was changed: to confirm, run it again with --confirm (\S+)\n$/);
      expect(refused.stderr.trim().endsWith(`--confirm ${name}`)).toBe(true);
      const wrong = await run(['migrate', 'down', '--to', 'add_mpa_column', '--confirm', 'movies'], env);
      expect(wrong).toMatchObject({ code: 1, stderr: `movies-tui: --confirm movies is not the database name "${name}"; nothing was changed\n` });
      expect(await snapshotOf(target)).toEqual(before);

      const confirmed = await run(['migrate', 'down', '--to', 'add_mpa_column', '--confirm', name], env);
      expect(confirmed.code).toBe(0);
      expect(confirmed.stdout).toContain('rolled back Migration20251008000000_add_mpa_column');
      const after = await snapshotOf(target);
      expect(after.movies).toBe(3);
      expect(after.columns.some((c) => c.startsWith('mpa '))).toBe(false);

      // Applying adds a nullable column: nothing to confirm. Rolling back an empty column loses nothing either.
      expect((await run(['migrate', 'up', '--to', 'add_mpa_column'], env)).code).toBe(0);
      expect((await run(['migrate', 'down', '--to', 'add_mpa_column'], env)).code).toBe(0);
    });
  });
}

describe('migrations that lose data, at a terminal', { timeout: 120_000 }, () => {
  it('ask for the database name, list the losses, and change nothing when it is mistyped', async () => {
    const target = await rated('embedded');
    const name = nameOf(target);
    const start = () => spawnPty(process.execPath, [CLI, 'migrate', 'down', '--to', 'add_mpa_column'], { env: envFor(target), cols: 160 });

    const wrong = start();
    await wrong.waitFor(`Type the database name (${name}) to confirm:`, 30_000);
    expect(wrong.screen()).toContain('  add_mpa_column drops movie.mpa: 2 non-empty values');
    await wrong.type('y');
    await wrong.press('enter');
    expect((await wrong.exited).exitCode).toBe(1);
    expect(wrong.screen()).toContain('movies-tui: not confirmed; nothing was changed');
    expect((await snapshotOf(target)).columns.some((c) => c.startsWith('mpa '))).toBe(true);

    const right = start();
    await right.waitFor(`Type the database name (${name}) to confirm:`, 30_000);
    await right.type(name);
    await right.press('enter');
    expect((await right.exited).exitCode).toBe(0);
    expect(right.screen()).toContain('rolled back Migration20251008000000_add_mpa_column');
  });
});
