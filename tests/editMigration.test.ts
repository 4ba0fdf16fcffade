// `e` on the Migrations screen in a real pseudo-terminal: the app gives the terminal to $EDITOR
// (main screen, cooked mode) and takes it back after (alternate screen, raw mode, its frame
// redrawn). The built app runs from a copy of the source checkout, so the editor changes the
// copy's migration file, never the repository's.
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { checkoutCopy } from './support/cli.js';
import { spawnPty, type PtyApp } from './support/pty.js';
import { seededEnv, ttyModes } from './support/session.js';

const checkout = checkoutCopy();
const initial = join(checkout, 'migrations/Migration20251001000000_initial.ts');
let app: PtyApp | undefined;

afterAll(() => rmSync(checkout, { recursive: true, force: true }));
afterEach(() => {
  app?.kill('SIGKILL');
  app = undefined;
});

describe('e on the Migrations screen, in a terminal', { timeout: 120_000 }, () => {
  it('suspends the app for $EDITOR on the file and comes back with its frame', async () => {
    const go = join(checkout, 'go');
    const editor = join(checkout, 'editor.sh');
    // Says it runs, waits for the test to look at the terminal, then edits the file.
    writeFileSync(editor, `#!/bin/sh\necho "EDITING $(basename "$1")"\nwhile [ ! -e ${go} ]; do sleep 0.05; done\necho "// edited in the editor" >> "$1"\n`);
    chmodSync(editor, 0o755);
    const { env } = await seededEnv();
    app = spawnPty(process.execPath, [join(checkout, 'dist/bundle/cli.js')], { env: { ...env, EDITOR: editor } });
    await app.waitFor('Movies 7 movies');
    await app.press('2');
    await app.waitFor('⚠ drops table movie: 7 rows');
    await app.flush();
    const before = app.screen();
    await app.press('e');
    await app.waitFor('EDITING Migration20251001000000_initial.ts');
    // The editor has the terminal: the main screen, cooked mode with echo.
    expect(app.inAlternateScreen()).toBe(false);
    expect(ttyModes(app.pid)).toEqual({ raw: false, echo: true });
    writeFileSync(go, '');
    await app.waitFor(`✓ edited ${join(checkout, "migrations")}`.slice(0, 40));
    expect(app.inAlternateScreen()).toBe(true);
    expect(ttyModes(app.pid)).toEqual({ raw: true, echo: false });
    expect(readFileSync(initial, 'utf8')).toMatch(/\n\/\/ edited in the editor\n$/);
    // The same screen as before, the status line aside; keys reach the app again.
    await app.flush();
    expect(app.screen().split('\n').slice(0, 8)).toEqual(before.split('\n').slice(0, 8));
    await app.press('j');
    await app.waitFor('alter table "movie" drop column "mpa";');
    await app.press('q');
    expect((await app.exited).exitCode).toBe(0);
    expect(existsSync(go)).toBe(true);
  });
});
