import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockPath } from '../src/db/lock.js';
import { CLI, run } from './support/cli.js';
import { childPids, shellQuote, spawnPty, spawnWrapped, type PtyApp, type WrappedPtyApp } from './support/pty.js';
import { gone, procState, seededEnv, ttyModes, until } from './support/session.js';

/**
 * The app and its terminal over its whole life: Ctrl+Z and `fg`, SIGTERM and SIGHUP, the
 * terminal closed under it. The built app in a real pseudo-terminal, on an embedded database.
 */

let app: PtyApp | undefined;
const extra: number[] = [];
afterEach(() => {
  // A failed test may leave the app stopped or running: end it (SIGKILL also ends a stopped process).
  for (const pid of [...extra.splice(0), ...(app ? childPids(app.pid) : [])]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  app?.kill('SIGKILL');
  app = undefined;
});

/**
 * Suspends the app with `stop`, checks the terminal was given back, resumes it with SIGCONT (what
 * the shell's `fg` sends) and checks the app took the terminal again and redrew the same frame.
 */
async function suspendAndResume(target: PtyApp, stop: () => Promise<void> | void, timeoutMs = 10_000) {
  await target.waitFor('Movies 7 movies');
  await target.flush();
  const before = target.screen();
  expect(ttyModes(target.pid)).toEqual({ raw: true, echo: false });

  await stop();
  await until('the app is stopped', () => procState(target.pid) === 'T', timeoutMs);
  // Given back exactly as on exit: main screen, cursor shown, no bracketed paste, cooked mode with
  // echo. (Written before the stop; the relay may still be carrying it to the screen.)
  await until('the main screen is back', () => {
    void target.flush();
    return !target.inAlternateScreen();
  });
  await target.flush();
  expect(target.cursorVisible()).toBe(true);
  expect(target.bracketedPaste()).toBe(false);
  expect(ttyModes(target.pid)).toEqual({ raw: false, echo: true });

  process.kill(target.pid, 'SIGCONT');
  await until('the app is back in the alternate screen with its frame redrawn', () => {
    void target.flush();
    return target.inAlternateScreen() && target.screen() === before;
  });
  expect(target.cursorVisible()).toBe(false);
  expect(target.bracketedPaste()).toBe(true);
  expect(ttyModes(target.pid)).toEqual({ raw: true, echo: false });
}

describe('Ctrl+Z, signals and a closed terminal', { timeout: 180_000 }, () => {
  it('kill -TSTP gives the terminal back and stops the app; SIGCONT (fg) takes it again, redraws the whole frame, and the embedded database still answers', async () => {
    const { env } = await seededEnv();
    app = spawnPty(process.execPath, [CLI], { env });
    await suspendAndResume(app, () => process.kill(app!.pid, 'SIGTSTP'));
    // Keys reach the app again, and the database thread, stopped with it, answers a search.
    await app.press('/');
    await app.type('Jaws');
    await app.waitFor('1 movie matching');
    // A second round works the same.
    await app.press('escape');
    await app.waitFor('Movies 7 movies');
    await suspendAndResume(app, () => process.kill(app!.pid, 'SIGTSTP'));
    await app.press('q');
    expect((await app.exited).exitCode).toBe(0);
  });

  // The keypress layer routes the Ctrl+Z key (byte 0x1a in raw mode) to suspend().
  it('Ctrl+Z (the key, 0x1a) suspends like kill -TSTP, and SIGCONT resumes', async () => {
    const { env } = await seededEnv();
    app = spawnPty(process.execPath, [CLI], { env });
    await suspendAndResume(app, () => app!.press('\x1a'), 3_000);
    await app.press('q');
    expect((await app.exited).exitCode).toBe(0);
  });

  for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    it(`${signal} while idle ends the app promptly, gives the terminal back and closes the database`, async () => {
      const { env, dataDir } = await seededEnv();
      const wrapped = spawnWrapped(shellQuote([process.execPath, CLI]), { env });
      app = wrapped;
      // Idle: the first page shown and the ORM loaded (its load holds the thread for a moment).
      await app.waitFor('migrations 5/5 applied');
      await app.waitFor('Movies 7 movies');
      const [pid] = childPids(app.pid);
      await expectPromptEnd(wrapped, pid!, signal, code, dataDir, env);
    });
  }

  for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    it(`${signal} during an import ends the app promptly; the import is all or nothing and the database opens again`, async () => {
      const { env, dataDir } = await seededEnv();
      const dir = mkdtempSync(join(tmpdir(), 'movies-tui-import-'));
      const rows = 200_000;
      let csv = 'title,year,directors\n';
      for (let i = 0; i < rows; i++) csv += `Busy ${i},${1900 + (i % 120)},Director ${i % 997}\n`;
      writeFileSync(join(dir, 'big.csv'), csv);
      const wrapped = spawnWrapped(shellQuote([process.execPath, CLI]), { env, cwd: dir });
      app = wrapped;
      await app.waitFor('Movies 7 movies');
      await app.press('3');
      await app.waitFor('Data');
      await app.press('i');
      await app.waitFor('Import from');
      await app.type('big.csv');
      await app.press('enter');
      await app.waitFor(/Import the [\d,]+ valid rows/, 60_000);
      await app.press('y');
      await app.waitFor('Importing', 10_000);
      const [pid] = childPids(app.pid);
      await expectPromptEnd(wrapped, pid!, signal, code, dataDir, env);
      const info = await run(['db', 'info'], env);
      expect([7, 7 + rows]).toContain(Number(/movies: +([\d,]+)/.exec(info.stdout)?.[1]?.replaceAll(',', '')));
    });
  }

  it('closing the terminal under the app ends it and releases the embedded database', async () => {
    const { env, dataDir } = await seededEnv();
    app = spawnPty(process.execPath, [CLI], { env });
    await app.waitFor('Movies 7 movies');
    const pid = app.pid;
    extra.push(pid);
    const t0 = Date.now();
    app.hangUp();
    await until('the app has ended', () => gone(pid), 5_000);
    expect(Date.now() - t0).toBeLessThan(5_000); // seconds, not the orphan that spun until kill -9
    expect(existsSync(lockPath(dataDir))).toBe(false);
    const list = await run(['list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Inception');
  });
});

/** Sends `signal` to the app; it must end promptly (seconds, not the minutes a frozen app took) with `code`, the terminal as before, the lock gone, and `list` work. */
async function expectPromptEnd(wrapped: WrappedPtyApp, pid: number, signal: NodeJS.Signals, code: number, dataDir: string, env: NodeJS.ProcessEnv) {
  const t0 = Date.now();
  process.kill(pid, signal);
  await until(`the app has ended after ${signal}`, () => gone(pid), 5_000);
  expect(Date.now() - t0, `time to end after ${signal}`).toBeLessThan(5_000);
  await wrapped.exited;
  expect(wrapped.appExitCode()).toBe(code);
  expect(wrapped.output()).toContain('\x1b[?1049l');
  expect(wrapped.inAlternateScreen()).toBe(false);
  expect(wrapped.cursorVisible()).toBe(true);
  expect(wrapped.bracketedPaste()).toBe(false);
  expect(wrapped.sttyAfter()).toBe(wrapped.sttyBefore());
  expect(existsSync(lockPath(dataDir)), 'the embedded lock file').toBe(false);
  const list = await run(['list'], env);
  expect(list.stderr).toBe('');
  expect(list.code).toBe(0);
  expect(list.stdout).toContain('Inception');
}
