// E on the Data screen in a real pseudo-terminal, inside a project: the app gives the terminal
// to $EDITOR on seeds/movies.ts and takes it back after; s then seeds the file as edited, a bad
// movie reported with its line and left out.
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { yearMax } from '../src/db/validation.js';
import { CLI, cleanEnv, run } from './support/cli.js';
import { newDataDir } from './support/databases.js';
import { spawnPty, type PtyApp } from './support/pty.js';

let app: PtyApp | undefined;
afterEach(() => {
  app?.kill('SIGKILL');
  app = undefined;
});

describe('E on the Data screen, in a terminal', { timeout: 120_000 }, () => {
  it('opens seeds/movies.ts in $EDITOR, comes back, and s seeds the file as edited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'movies-tui-edit-seeds-'));
    const root = join(dir, 'films');
    const env = cleanEnv({ MOVIES_TUI_DATA_DIR: newDataDir() });
    expect((await run(['init', root], env)).code).toBe(0);
    expect((await run(['migrate', 'up'], env, '', { cwd: root })).code).toBe(0);
    const go = join(dir, 'go');
    const editor = join(dir, 'editor.sh');
    // Says it runs, waits for the test to look at the terminal, then adds two movies before the closing "];".
    writeFileSync(
      editor,
      `#!/bin/sh\necho "EDITING $(basename "$1")"\nwhile [ ! -e ${go} ]; do sleep 0.05; done\n` +
        `sed -i "s/^];$/  { title: 'Heat', year: 1995, directors: ['Michael Mann'] },\\n  { title: 'Too Early', year: 1700, directors: ['Nobody'] },\\n];/" "$1"\n`,
    );
    chmodSync(editor, 0o755);
    app = spawnPty(process.execPath, [CLI], { env: { ...env, EDITOR: editor }, cwd: root, cols: 100, rows: 30 });
    await app.waitFor('Movies 0 movies');
    await app.press('3');
    await app.waitFor('seeds/movies.ts (E)');
    await app.press('E');
    await app.waitFor('EDITING movies.ts');
    expect(app.inAlternateScreen()).toBe(false);
    writeFileSync(go, '');
    await app.waitFor(`edited ${join(root, 'seeds', 'movies.ts')}`.slice(0, 40));
    expect(app.inAlternateScreen()).toBe(true);
    const file = readFileSync(join(root, 'seeds', 'movies.ts'), 'utf8');
    const bad = file.split('\n').findIndex((l) => l.includes("'Too Early'")) + 1;
    expect(bad).toBeGreaterThan(0);
    await app.press('s');
    await app.waitFor('seeded from seeds/movies.ts: inserted 8, skipped 0, rejected 1');
    await app.waitFor(`✗ seeds/movies.ts:${bad}: year must be a whole number between 1878 and ${yearMax()}`);
    await app.press('1');
    await app.waitFor('Heat');
    expect(app.screen()).not.toContain('Too Early');
    await app.press('q');
    expect((await app.exited).exitCode).toBe(0);
    expect(existsSync(go)).toBe(true);
  });
});
