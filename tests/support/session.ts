// A session of the built app in a real terminal: shared by the end-to-end tests of keys,
// the terminal's life (Ctrl+Z, signals) and the hostile session.
import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { expect } from 'vitest';
import { cleanEnv, run } from './cli.js';
import { newDataDir } from './databases.js';
import { seeded as seededRandom } from './random.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A seeded, migrated embedded database, and the environment that points the app at it. */
export async function seededEnv(): Promise<{ env: NodeJS.ProcessEnv; dataDir: string }> {
  const dataDir = newDataDir();
  const env = cleanEnv({ MOVIES_TUI_DATA_DIR: dataDir });
  expect((await run(['migrate', 'up'], env)).code).toBe(0);
  expect((await run(['seed'], env)).code).toBe(0);
  return { env, dataDir };
}

export async function until(what: string, ok: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

/** The process's state letter from /proc (R, S, T when stopped, Z); undefined once it is gone. */
export function procState(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[0];
  } catch {
    return undefined;
  }
}
export const gone = (pid: number) => ['Z', undefined].includes(procState(pid));

/** The terminal's local modes as `stty` reports them for the pty the process has as stdin. */
export function ttyModes(pid: number): { raw: boolean; echo: boolean } {
  const settings = execFileSync('stty', ['-a', '-F', readlinkSync(`/proc/${pid}/fd/0`)], { encoding: 'utf8' });
  return { raw: /(^|\s)-icanon(\s|$)/.test(settings), echo: /(^|\s)echo(\s|$)/.test(settings) };
}



/** The sequences that crashed the app through Ink's useInput. */
export const CRASHERS = ['\x1b[1;5P', '\x1b[0m', '\x1b[31m', '\x1b[5n'];

/**
 * Odd sequences no binding uses: F-keys with every modifier, colour codes, reports, mouse and
 * focus reports, CSI-u keys with odd modifiers, garbage parameters. (None is Esc, Enter or an
 * arrow, so a screen stays where it was and the test can check what it holds.)
 */
export function oddKeys(seed: number, count: number): string[] {
  const r = seededRandom(seed).int;
  const finals = ['m', 'n', 'c', 't', 'x', 'q', 'r', 's', 'J', 'K', 'h', 'l', 'P', 'Q', 'S', 'R', 'i', 'g'];
  const make = [
    () => `\x1b[${1 + r(30)};${2 + r(7)}${finals[r(finals.length)]}`,
    () => `\x1b[${11 + r(14)};${2 + r(7)}~`, // F1–F12 with modifiers
    () => `\x1b[${r(999)}${r(2) ? ';' + r(999) : ''}${finals[r(finals.length)]}`,
    () => `\x1bO${'PQRS'[r(4)]}`, // F1–F4
    () => `\x1b[<${r(64)};${1 + r(80)};${1 + r(24)}${r(2) ? 'M' : 'm'}`, // SGR mouse
    () => `\x1b[M${String.fromCharCode(32 + r(64), 33 + r(80), 33 + r(24))}`, // X10 mouse
    () => (r(2) ? '\x1b[I' : '\x1b[O'), // focus
    () => `\x1b[${r(2) ? '?' : '>'}${r(99)};${r(99)}${'cnRyu'[r(5)]}`, // terminal replies
    // CSI-u letters with Alt, Alt+Shift, Ctrl+Alt: unbound (not b, d, f: Alt+B/D/F edit a field; no plain Ctrl: Ctrl+Z suspends).
    () => `\x1b[${103 + r(20)};${[3, 4, 7, 8][r(4)]}u`,
  ];
  return Array.from({ length: count }, () => make[r(make.length)]!());
}

