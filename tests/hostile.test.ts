// The hostile session: the built app in a real terminal, driven through the first hour of a
// new (or unkind) user, one session from start to end. Odd keys on every screen and in every
// field and dialog, a megabyte pasted into every text field, `D?` racing the help against a
// destructive question, Ctrl+Z and fg, SIGHUP, a terminal closed under it, and a server stopped
// in the middle of an import. On the main of issue 10 each of these crashed, froze, hid a
// dialog or misled.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockPath } from '../src/db/lock.js';
import { CLI, cleanEnv, run } from './support/cli.js';
import { createCluster, postgresBin } from './support/cluster.js';
import { copyThenLose, count, csvRows, intoFifo, openImport, stopAtCopy } from './support/lostImport.js';
import { childPids, shellQuote, spawnWrapped, type PtyApp, type WrappedPtyApp } from './support/pty.js';
import { CRASHERS, gone, oddKeys, procState, seededEnv, ttyModes, until } from './support/session.js';

const HELP = 'Keys (↑↓ PgUp PgDn scroll';
const REFUSED = /✗ (must be )?(at most [\d,]+ characters|too long to paste)/;
const MEGABYTE = 'x'.repeat(1024 * 1024);
const paste = (text: string) => `\x1b[200~${text}\x1b[201~`;

let app: PtyApp | undefined;
afterEach(() => {
  for (const pid of app ? childPids(app.pid) : []) process.kill(pid, 'SIGKILL');
  app?.kill('SIGKILL');
  app = undefined;
});

const launch = (env: NodeJS.ProcessEnv): WrappedPtyApp => spawnWrapped(shellQuote([process.execPath, CLI]), { env });

/** Odd keys in writes of eight (several keys per read, as a terminal sends them), a new seed per place. */
let seed = 1;
async function oddKeysInto(target: PtyApp) {
  const keys = [...CRASHERS, ...oddKeys(seed++, 40)];
  for (let i = 0; i < keys.length; i += 8) await target.press(keys.slice(i, i + 8).join(''));
}

/** `?` opens the help over the current screen and Esc closes it: the app is alive and answering. */
async function helpAnswers(target: PtyApp) {
  await target.press('?');
  await target.waitFor(HELP);
  await target.press('escape');
  await target.waitForGone(HELP);
}

/** A megabyte pasted into the focused field is refused, with its reason beside the field. */
async function megabyteRefused(target: PtyApp) {
  await target.press(paste(MEGABYTE));
  await target.waitFor(REFUSED, 30_000); // the megabyte itself takes seconds to cross a busy pty
}

describe('a hostile session in a real terminal (embedded database)', { timeout: 300_000 }, () => {
  it('odd keys and 1 MB pastes everywhere, D?, Ctrl+Z and fg, then SIGHUP: it never crashes, hides a question or loses input, and frees the database', async () => {
    const { env, dataDir } = await seededEnv();
    const session = launch(env);
    app = session;
    await app.waitFor(/^› Inception/m, 60_000);

    // Every screen takes odd keys and still answers ?.
    for (const screen of ['2', '3', '4', '5', '1']) {
      await app.press(screen);
      await oddKeysInto(app);
      await helpAnswers(app);
    }
    await app.waitFor(/^› Inception/m);

    // The search: a megabyte refused, then typing still searches, odd keys change nothing.
    await app.press('/');
    await megabyteRefused(app);
    await app.type('Pulp');
    await app.waitFor('1 movie matching "Pulp"');
    await oddKeysInto(app);
    await app.press('enter');
    await app.waitFor(/^› Pulp Fiction/m);
    await app.press('/', 'escape');
    await app.waitFor(/^› Pulp Fiction/m);

    // The details view.
    await app.press('enter');
    await app.waitFor(/Directors/);
    await oddKeysInto(app);
    await helpAnswers(app);
    await app.press('escape');

    // The form: typed input survives odd keys; each text field refuses a megabyte whole.
    await app.press('a');
    await app.waitFor('Add a movie');
    await app.type('Heat');
    await app.waitFor(/› Title +Heat/);
    await oddKeysInto(app);
    await app.flush();
    expect(app.screen()).toMatch(/› Title +Heat(\s|$)/m);
    await megabyteRefused(app);
    await app.press('tab');
    await app.waitFor('› Year');
    await megabyteRefused(app);
    await app.press('tab');
    await app.waitFor('› Directors');
    await megabyteRefused(app);
    // The MPA picker: odd keys, then Esc closes it with nothing chosen.
    await app.press('tab', 'tab', 'space');
    await app.waitFor('PG-13');
    await oddKeysInto(app);
    await app.press('escape');
    await app.waitForGone('PG-13');
    // "Discard your changes?" holds the keys against the help and odd keys; n keeps the input.
    await app.press('escape');
    await app.waitFor('Discard your changes?');
    await oddKeysInto(app);
    await app.press('?');
    await app.flush();
    expect(app.screen()).toContain('Discard your changes?');
    expect(app.screen()).not.toContain(HELP);
    await app.press('n');
    await app.waitForGone('Discard your changes?');
    expect(app.screen()).toMatch(/Title +Heat(\s|$)/m);
    await app.press('escape', 'y');
    await app.waitForGone('Add a movie');

    // Delete asks; Enter does not answer it; odd keys do not either.
    await app.press('d');
    await app.waitFor(/Delete .*\?/);
    await oddKeysInto(app);
    await app.press('enter');
    await app.waitFor('Enter does not answer');
    await app.press('n');
    await app.waitForGone(/Delete .*\?/);

    // The import's file name refuses a megabyte.
    await app.press('3', 'i');
    await app.waitFor('Import from (.csv or .json):');
    await app.press('\x15'); // Ctrl+U: clear what is pre-filled
    await megabyteRefused(app);
    await app.press('escape');
    await app.waitForGone('Import from');

    // D and ? typed together: the typed confirmation stays on screen, the help never covers it,
    // and nothing is rolled back; it refuses a megabyte too.
    await app.press('2');
    await app.waitFor('✓ unique_title_year');
    await app.press('D?');
    // The rollback first counts what it would lose. If ? came first, the help is up and the
    // question waits unseen, taking no keys: Enter there confirms nothing.
    await app.waitFor(new RegExp(`Type .* to confirm|${HELP.replace(/[()↑↓]/g, '.')}`));
    await app.flush();
    if (app.screen().includes(HELP)) {
      expect(app.screen()).not.toMatch(/Type .* to confirm/);
      await app.press('enter', 'escape');
    }
    await app.waitFor(/Type .* to confirm/);
    await app.flush();
    expect(app.screen()).not.toContain(HELP);
    await oddKeysInto(app);
    await app.press(paste(MEGABYTE));
    await app.press('escape');
    await app.waitForGone(/Type .* to confirm/);
    await app.press('1');
    await app.waitFor(/^› Inception/m);

    // Ctrl+Z gives the terminal back and stops; SIGCONT (what fg sends) takes it again and repaints.
    const [pid] = childPids(session.pid);
    await app.flush();
    const before = app.screen();
    await app.press('\x1a');
    await until('Ctrl+Z stopped the app', () => procState(pid!) === 'T');
    await app.flush();
    expect(app.inAlternateScreen()).toBe(false);
    expect(ttyModes(pid!)).toEqual({ raw: false, echo: true });
    expect(procState(session.pid)).toBe('T'); // the whole job (here the shell above it), as the shell's fg expects
    process.kill(-session.pid, 'SIGCONT'); // what fg sends: the job's process group
    await until('the app took the terminal back and repainted', () => {
      void app!.flush();
      return app!.inAlternateScreen() && app!.screen() === before;
    });
    await app.press('j');
    await app.waitFor(/^› Interstellar/m);

    // SIGHUP ends it at once with the terminal given back and the database closed.
    process.kill(pid!, 'SIGHUP');
    await until('SIGHUP ended the app', () => gone(pid!), 5_000);
    await session.exited;
    expect(session.appExitCode()).toBe(129);
    expect(session.inAlternateScreen()).toBe(false);
    expect(session.cursorVisible()).toBe(true);
    expect(session.sttyAfter()).toBe(session.sttyBefore());
    expect(existsSync(lockPath(dataDir))).toBe(false);

    // Nothing any of it did was written: the seven movies and every migration are as they were.
    const list = await run(['list', '--json'], env);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toHaveLength(7);
    expect((await run(['migrate', 'status'], env)).stdout).not.toMatch(/pending/);
  });

  it('a terminal closed under it (the window gone, no key ever again) ends it and frees the database', async () => {
    const { env, dataDir } = await seededEnv();
    const session = launch(env);
    app = session;
    await app.waitFor(/^› Inception/m, 60_000);
    await app.press('a');
    await app.waitFor('Add a movie');
    const [pid] = childPids(session.pid);
    app.hangUp();
    await until('the app ended with its terminal', () => gone(pid!), 5_000);
    expect(existsSync(lockPath(dataDir))).toBe(false);
    expect((await run(['list'], env)).code).toBe(0);
  });
});

describe.skipIf(!postgresBin())('a hostile session on a server that is stopped mid-import', { timeout: 300_000 }, () => {
  it('the server stopped during the COPY: the banner, "nothing was imported", keys still answer, and after a restart it carries on', async () => {
    const cluster = await createCluster();
    const dir = mkdtempSync(join(tmpdir(), 'movies-tui-hostile-'));
    try {
      const env = cleanEnv({ DATABASE_URL: cluster.url });
      expect((await run(['migrate', 'up'], env)).code).toBe(0);
      const fifo = join(dir, 'movies.csv');
      spawnSync('mkfifo', [fifo]);
      const rows = `title,year,directors\n${csvRows(0, 30_000)}`;
      app = await openImport(env, dir, basename(fifo), () => intoFifo(fifo, rows));
      await oddKeysInto(app);
      await app.press('y');
      await copyThenLose(fifo, rows, stopAtCopy(cluster));
      await app.waitFor('✗ the server went away; nothing was imported');
      await app.waitFor('Lost the connection to the database');
      await oddKeysInto(app);
      await helpAnswers(app);
      cluster.start();
      await app.waitForGone('Lost the connection to the database', 30_000);
      expect(await count(cluster.url)).toBe(0);
      await app.press('1');
      await app.waitFor('No movies yet');
      await app.press('q');
      await app.exited;
    } finally {
      cluster.remove();
    }
  });
});
