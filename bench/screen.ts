/**
 * The app in a pseudo-terminal, measured from outside as a person sees it: every chunk the
 * app writes is timestamped on arrival and fed to a headless xterm; a measurement ends at
 * the arrival of the chunk after which the screen first shows what was waited for.
 */
import xterm from '@xterm/headless';
import { findPtyPython, spawnPtyProcess } from '../tests/support/ptyProcess.js';

export interface Screen {
  readonly pid: number;
  text(): string;
  /** The text of the row drawn in reverse video (a curses app's cursor row). */
  reversed(): string | undefined;
  /** Milliseconds from `since` (default: spawn) until `ok(screen)` first holds. */
  until(ok: (screen: string) => boolean, what: string, timeoutMs?: number, since?: number): Promise<number>;
  /** Writes a key and returns the milliseconds until the screen satisfies `ok`. */
  key(bytes: string, ok: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<number>;
  /** Time of spawn, on performance.now()'s clock. */
  readonly spawnedAt: number;
  kill(): Promise<void>;
}

export function launch(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = process.cwd(), cols = 120, rows = 40): Screen {
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  const spawnedAt = performance.now();
  const python = findPtyPython();
  if ('problem' in python) throw new Error(`the benchmark needs Python 3 for its pseudo-terminal (${python.problem})`);
  const proc = spawnPtyProcess(python.python, command, args, { cols, rows, cwd, env: { ...env, CI: 'false', TERM: 'xterm-256color' } });
  let waiter: { ok: (s: string) => boolean; resolve: (t: number) => void } | undefined;
  let exited = false;
  const exit = new Promise<void>((resolve) => proc.onExit(() => ((exited = true), resolve())));
  const text = () => {
    const buf = term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < term.rows; y++) lines.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  proc.onData((data) => {
    const at = performance.now();
    term.write(data, () => {
      if (waiter?.ok(text())) {
        const w = waiter;
        waiter = undefined;
        w.resolve(at);
      }
    });
  });
  term.onData((reply) => !exited && proc.write(reply));

  const until = (ok: (s: string) => boolean, what: string, timeoutMs = 30_000, since = spawnedAt) =>
    new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; the screen shows:\n${text()}`)), timeoutMs);
      const done = (at: number) => {
        clearTimeout(timer);
        resolve(at - since);
      };
      // Already there (xterm has parsed everything so far once this write completes).
      term.write('', () => {
        if (ok(text())) done(performance.now());
        else waiter = { ok, resolve: done };
      });
    });

  return {
    pid: proc.pid,
    spawnedAt,
    text,
    reversed: () => reverseRow(term),
    until,
    key(bytes, ok, what, timeoutMs = 30_000) {
      const since = performance.now();
      const result = until(ok, what, timeoutMs, since);
      proc.write(bytes);
      return result;
    },
    async kill() {
      if (!exited) proc.kill('SIGTERM');
      await Promise.race([exit, new Promise((r) => setTimeout(r, 5000))]);
      if (!exited) proc.kill('SIGKILL');
    },
  };
}

/** The text of the first row drawn in reverse video and not underlined (VisiData's cursor row; its column header is both), if any. */
export function reverseRow(term: xterm.Terminal): string | undefined {
  const buf = term.buffer.active;
  for (let y = 0; y < term.rows; y++) {
    const line = buf.getLine(buf.viewportY + y);
    const cell = line?.getCell(2);
    if (line && cell?.isInverse() && !cell.isUnderline()) return line.translateToString(true);
  }
  return undefined;
}

/** The title of the selected row ("› Title …"), if the list shows one. */
export function selectedTitle(screen: string): string | undefined {
  const line = screen.split('\n').find((l) => l.startsWith('› '));
  return line?.slice(2).split(/\s{2,}/)[0];
}
