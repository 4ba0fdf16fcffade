import { spawn } from 'node:child_process';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../src/db/database.js';
import { lockPath } from '../src/db/lock.js';
import { CLI, cleanEnv, run } from './support/cli.js';
import { newDataDir, newServerDatabase, serverUrl } from './support/databases.js';
import { childPids, shellQuote, spawnWrapped, type WrappedPtyApp } from './support/pty.js';

/** Preloaded into the app to make it crash while running (a test seam, not in the app). */
const CRASH_AFTER = resolve(import.meta.dirname, 'support/crashAfter.mjs');

/** The built movies-tui in a real terminal (80×24 unless said), with the stty before and after. */
function launch(env: NodeJS.ProcessEnv, options: { cols?: number; rows?: number; args?: string[] } = {}): WrappedPtyApp {
  return spawnWrapped(shellQuote([process.execPath, CLI, ...(options.args ?? [])]), { env, cols: options.cols, rows: options.rows });
}

/** An embedded database with every migration applied (and the seeds, if asked). */
async function readyEnv(extra: NodeJS.ProcessEnv = {}, seed = false): Promise<NodeJS.ProcessEnv> {
  const env = cleanEnv({ MOVIES_TUI_DATA_DIR: newDataDir(), ...extra });
  expect((await run(['migrate', 'up'], env)).code).toBe(0);
  if (seed) expect((await run(['seed'], env)).code).toBe(0);
  return env;
}

async function expectTerminalRestored(app: WrappedPtyApp, exitCode: number) {
  // Bounded, so an app that does not exit fails with its screen rather than the test's timeout.
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the app has not exited after 30 s; its screen:\n${app.screen()}`)), 30_000);
  });
  await Promise.race([app.exited, stuck]).finally(() => clearTimeout(timer));
  expect(app.appExitCode()).toBe(exitCode);
  expect(app.inAlternateScreen()).toBe(false);
  expect(app.cursorVisible()).toBe(true);
  expect(app.bracketedPaste()).toBe(false);
  expect(app.sttyAfter()).toBe(app.sttyBefore());
}

/**
 * Presses keys one by one, each time waiting until the screen has changed (or half a second):
 * on a busy machine keys must not outrun the renders, as they would not for a person watching.
 */
async function step(target: WrappedPtyApp, ...names: string[]) {
  for (const name of names) {
    await target.flush();
    const before = target.screen();
    await target.press(name);
    for (let i = 0; i < 25 && target.screen() === before; i++) {
      await new Promise((r) => setTimeout(r, 20));
      await target.flush();
    }
  }
}

/** On the Migrations screen: u, confirm, and wait until every migration is applied. */
async function applyAllPending(target: WrappedPtyApp) {
  await target.waitFor('· unique_title_year pending');
  await target.press('u');
  await target.waitFor('Apply every pending migration?');
  await target.press('y');
  await target.waitFor('migrations 5/5 applied');
}

let app: WrappedPtyApp | undefined;
afterEach(async () => {
  // A failed test may leave the app running under its shell: end both.
  if (!app) return;
  for (const pid of await childPids(app.pid)) process.kill(pid, 'SIGKILL');
  app.kill('SIGKILL');
});


describe('the app in a real terminal', { timeout: 120_000 }, () => {
  it('the first run, with no database yet, says it is creating the embedded database, then shows the empty list', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'movies-tui-first-')), 'data');
    app = launch(cleanEnv({ MOVIES_TUI_DATA_DIR: dataDir }));
    await app.waitFor('creating the embedded database (first run only');
    await app.waitFor('No movies yet');
    expect(app.screen()).toContain('migrations 5/5 applied');
    await app.press('q');
    await expectTerminalRestored(app, 0);
  });

  it('first paints "opening database…", opens on Migrations when migrations are pending, then adds a movie through the form', async () => {
    const dataDir = newDataDir(); // initialised, never migrated
    app = launch(cleanEnv({ MOVIES_TUI_DATA_DIR: dataDir }));
    await app.waitFor('opening database…');
    await app.waitFor('5 migrations are pending, so the app opened here');
    await applyAllPending(app);
    await app.press('1');
    await app.waitFor('No movies yet');
    await app.press('a');
    await app.waitFor('Add a movie');
    // Each key waits for the screen it causes, as a person reading the screen would.
    await app.press('Heat');
    await app.waitFor(/› Title +Heat/);
    await step(app, 'tab');
    await app.waitFor('› Year');
    await app.press('1995');
    await app.waitFor(/› Year +1995/);
    await step(app, 'tab');
    await app.waitFor('› Directors');
    await app.press('Michael Mann');
    await app.waitFor(/› Directors 1\. Michael Mann/);
    await step(app, 'tab', 'tab', 'space');
    await app.waitFor('PG-13');
    await step(app, 'down', 'down', 'down', 'down', 'enter');
    await app.waitFor(/› MPA +R/);
    await app.press('ctrlS');
    await app.waitFor('added Heat (1995)');
    await app.waitFor(/^› Heat +1995 +Michael Mann +yes +R$/m); // the saved movie, selected
    await app.press('q');
    await expectTerminalRestored(app, 0);

    const db = await Database.open({ kind: 'embedded', dataDir });
    try {
      expect((await db.movies.list()).movies).toEqual([{ id: expect.any(Number), title: 'Heat', year: 1995, directors: ['Michael Mann'], theatre: true, mpa: 'R', version: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('rolling back add_mpa_column removes the MPA column from the table; applying it brings it back', async () => {
    const env = await readyEnv({}, true);
    app = launch(env);
    await app.waitFor(/Theatre +MPA/);
    await app.press('2');
    await app.waitFor('✓ unique_title_year');
    await app.press('j', 'D');
    await app.waitFor('Roll back add_mpa_column and every later migration?');
    // The seeded ratings would go: the embedded database's name (its directory's) must be typed.
    await app.waitFor('drops movie.mpa: 7 non-empty values');
    await app.type(basename(env.MOVIES_TUI_DATA_DIR!));
    await app.press('enter');
    await app.waitFor('migrations 1/5 applied');
    await app.press('1');
    await app.waitFor(/Directors +Theatre\s*$/m);
    expect(app.screen()).not.toContain('MPA');
    await app.press('2');
    await applyAllPending(app);
    await app.press('1');
    await app.waitFor(/Theatre +MPA/);
    // The ratings went with the dropped column: the column is back, empty.
    await app.waitFor(/The Matrix +1999 +Lana Wachowski, Lilly[^\n]*… +yes\s*$/m);
    await app.press('q');
    await expectTerminalRestored(app, 0);
  });

  it('keys that reach it in one read (typed faster than it reads them) each count, in order', async () => {
    app = launch(await readyEnv({}, true));
    await app.waitFor(/^› Inception/m);
    // Each press() below is a single write, so the app reads the keys together.
    await app.press('jjj');
    await app.waitFor(/^› Pulp Fiction/m); // three rows down
    await app.press('2');
    await app.waitFor('✓ unique_title_year');
    await app.press('jD');
    await app.waitFor('Roll back add_mpa_column and every later migration?');
    await app.press('escape');
    await app.waitForGone('Roll back add_mpa_column');
    await app.press('1');
    await app.waitFor(/Theatre +MPA/);
    // A key that opens a form, text for three fields with Tab between them, and Ctrl+S.
    await app.press('aHeat\t1995\tMichael Mann\x13');
    await app.waitFor('added Heat (1995)');
    await app.waitFor(/^› Heat +1995 +Michael Mann +yes/m);
    // A paste is marked by the terminal: in the list its letters are not commands (no "q"
    // quitting, no "d" deleting); in the search field it is the text, whole.
    expect(app.bracketedPaste()).toBe(true);
    await app.press('\x1b[200~dq\x1b[201~', '/', '\x1b[200~Pulp\x1b[201~');
    await app.waitFor('1 movie matching "Pulp"');
    expect(app.screen()).toMatch(/^› Pulp Fiction/m);
    await app.press('escape', 'q');
    await expectTerminalRestored(app, 0);
  });

  it('fits 80×24 with a frame one row short of the terminal, and follows a resize', async () => {
    app = launch(await readyEnv());
    await app.waitFor('No movies yet');
    let lines = app.screen().split('\n');
    expect(lines).toHaveLength(24);
    expect(lines[22]).toMatch(/q quit/); // the footer, on the frame's last row
    expect(lines[23]).toBe('');
    app.resize(100, 30);
    await app.waitFor(/Title ↑ {30,}Year/);
    lines = app.screen().split('\n');
    expect(lines[28]).toMatch(/q quit/);
    await app.press('q');
    await expectTerminalRestored(app, 0);
  });

  it('gives the terminal back on Ctrl+C, on SIGTERM and after an uncaught error', async () => {
    const env = await readyEnv();
    app = launch(env);
    await app.waitFor('No movies yet');
    await app.press('ctrlC');
    await expectTerminalRestored(app, 0);

    app = launch(env);
    await app.waitFor('No movies yet');
    // SIGTERM to the app itself (the pty runs it under a shell that records stty).
    for (const pid of await childPids(app.pid)) process.kill(pid, 'SIGTERM');
    await expectTerminalRestored(app, 143);

    app = launch({ ...env, MOVIES_TUI_TEST_CRASH_AFTER_MS: '1500', NODE_OPTIONS: `--import=${CRASH_AFTER}` });
    await expectTerminalRestored(app, 1);
    expect(app.output()).toContain('\x1b[?1049h'); // it was in the alternate screen when it crashed
    expect(app.screen()).toContain('movies-tui: test crash (MOVIES_TUI_TEST_CRASH_AFTER_MS)');
  });

  it('honours NO_COLOR: no colour or inverse, the selection still marked', async () => {
    app = launch(await readyEnv({ NO_COLOR: '1' }, true));
    await app.waitFor(/› Inception/);
    expect(app.output()).not.toMatch(/\x1b\[(?:\d+;)*(?:3[0-7]|9[0-7]|4[0-7]|7)m/);
    expect(app.screen()).toContain('[1 Movies] 2 Migrations'); // the active screen, marked without colour
    await app.press('q');
    await app.exited;
  });
});

describe('dialogs and small terminals in a real terminal', { timeout: 120_000 }, () => {
  it('D? on initial: the help never hides the rollback that holds the keys; the name and Enter typed then roll back nothing', async () => {
    const env = await readyEnv({}, true);
    // The name is typed while the help is open, so it must not hold a key of the help's own
    // (q closes it), which the random folder name sometimes did: a flaky failure in CI.
    const dataDir = env.MOVIES_TUI_DATA_DIR!;
    const safe = join(dirname(dataDir), basename(dataDir).replaceAll('q', 'x'));
    if (safe !== dataDir) renameSync(dataDir, safe);
    env.MOVIES_TUI_DATA_DIR = safe;
    app = launch(env);
    await app.waitFor('The Matrix');
    await app.press('2');
    await app.waitFor('› ✓ initial');
    await app.press('D?'); // in one read, as typed quickly
    await app.waitFor(/Keys \(↑↓ PgUp PgDn scroll|Roll back initial/);
    await new Promise((r) => setTimeout(r, 1000)); // the rollback's check finishes
    await app.flush();
    const helpShown = app.screen().includes('Keys (↑↓ PgUp PgDn scroll');
    // Whatever is on screen holds the keyboard: the help says so in the footer, or the question shows.
    expect(app.screen()).toMatch(helpShown ? /^esc close$/m : /Roll back initial and every later migration\?/);
    await app.type(basename(env.MOVIES_TUI_DATA_DIR!));
    await app.press('enter');
    await new Promise((r) => setTimeout(r, 1000));
    await app.flush();
    expect(app.screen()).not.toContain('rolled back');
    if (helpShown) await app.press('escape');
    await app.waitFor('Roll back initial and every later migration?');
    await app.press('escape');
    await app.waitForGone('Roll back initial');
    await app.press('q');
    await expectTerminalRestored(app, 0);
    const db = await Database.open({ kind: 'embedded', dataDir: env.MOVIES_TUI_DATA_DIR! });
    try {
      expect((await db.migrations.status()).every((m) => m.applied)).toBe(true);
      expect((await db.movies.list()).movies).toHaveLength(7);
    } finally {
      await db.close();
    }
  });

  it('at 40×10 it asks for a larger terminal instead of drawing the form over itself, and the form comes back on resize', async () => {
    app = launch(await readyEnv({}, true), { cols: 40, rows: 10 });
    await app.waitFor('Terminal too small: 40×10, needs at');
    expect(app.screen()).toContain('least 60×20. Make the window larger');
    // Nothing of the splash drawn before Ink is left beside or below the message.
    expect(app.screen().split('\n')[0]).toBe('Terminal too small: 40×10, needs at');
    expect(app.screen()).not.toContain('opening database');
    app.resize(80, 24);
    await app.waitFor('› Inception');
    await app.press('a');
    await app.waitFor('Add a movie');
    await app.type('Heat');
    await app.waitFor(/› Title +Heat/);
    app.resize(40, 10);
    await app.waitFor('Terminal too small: 40×10');
    expect(app.screen()).not.toContain('Title');
    app.resize(80, 24);
    await app.waitFor(/› Title +Heat$/m);
    expect(app.screen()).not.toContain('too small');
    await app.press('escape');
    await app.waitFor('Discard your changes?');
    await app.press('y');
    await app.waitFor('› Inception');
    await app.press('q');
    await expectTerminalRestored(app, 0);
  });
});

describe('without a terminal', () => {
  it('says in one line that it needs one, points at the subcommands and exits 2', async () => {
    const result = await run([], cleanEnv());
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('movies-tui: the full-screen app needs a terminal on stdin and stdout; for scripts use the subcommands (movies-tui --help)\n');
    expect(result.stdout).toBe('');
  });
});

describe.skipIf(!serverUrl())('the app on a PostgreSQL server', () => {
  it('shows the kind and the masked URL in the header, never the password', async () => {
    const url = new URL(await newServerDatabase());
    url.password = 'hunter2';
    const env = cleanEnv({ DATABASE_URL: url.toString() });
    await run(['migrate', 'up'], env);
    app = launch(env, { cols: 120 });
    await app.waitFor('migrations 5/5 applied');
    expect(app.screen()).toContain(`server ${url.toString().replace('hunter2', '****')}`);
    await app.press('4');
    await app.waitFor(/Kind: +server/);
    await app.press('q');
    await app.exited;
    expect(app.output()).not.toContain('hunter2');
  });
});

describe('a database that cannot be opened', () => {
  it('says why on screen, and q exits with status 1 leaving the terminal as it was', async () => {
    const env = await readyEnv();
    // A live process holding the data dir without serving it (an app that serves is joined: tests/share.test.ts).
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      writeFileSync(lockPath(env.MOVIES_TUI_DATA_DIR!), JSON.stringify({ pid: holder.pid }));
      app = launch(env);
      await app.waitFor(`Could not open the database: database in use by PID ${holder.pid}`);
      await app.press('q');
      await expectTerminalRestored(app, 1);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
