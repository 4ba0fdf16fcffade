import type { ReactNode } from 'react';
import { onShutdown, setCloseDeadline, shutdown, shutdownCode } from '../cli/lifecycle.js';
import type { DatabaseApi } from '../db/types.js';
import { scrubSecrets } from '../db/secrets.js';
import { errorLine, reportBackgroundError } from './backgroundErrors.js';
import { enterFullScreen, type Terminal } from './terminal.js';

export interface RunOptions {
  /** Opens the database; `onStep` says what a slow open is doing (the first run's initdb). */
  open: (onStep: (step: string) => void) => Promise<DatabaseApi>;
  /** The masked database URL or data dir, shown while opening. */
  label: string;
  verbose?: boolean;
}

/** What the first frame shows, drawn before Ink has loaded; Ink's own first frame replaces it. */
function splash(label: string, width: number): string[] {
  const bold = (s: string) => (process.env.FORCE_COLOR === '0' ? s : `\x1b[1m${s}\x1b[22m`);
  const fit = (s: string) => (s.length > width ? `${s.slice(0, width - 1)}…` : s);
  return [`${bold('movies-tui')}${fit(` · ${label}`).slice(0, width - 10)}`, ' 1 Movies  2 Migrations  3 Data  4 Database ', '', fit(`opening database… (${label})`)];
}

/**
 * Runs the full-screen app and returns the exit code. The first frame is painted before
 * the database (and the ORM) load; the terminal is restored on every way out.
 */
export async function runApp({ open, label, verbose }: RunOptions): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write('movies-tui: the full-screen app needs a terminal on stdin and stdout; for scripts use the subcommands (movies-tui --help)\n');
    return 2;
  }
  // chalk ignores NO_COLOR; FORCE_COLOR=0 turns styling off before Ink loads it.
  if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
  const terminal = enterFullScreen(process.stdout, process.stdin, splash(label, process.stdout.columns || 80));
  // SIGTERM, SIGHUP or a lost terminal: the app ends within a second even while the database is
  // busy (a query, an import), the terminal given back first.
  setCloseDeadline(CLOSE_DEADLINE_MS);
  let unmount: (() => void) | undefined;
  const stopHook = onShutdown(() => {
    unmount?.();
    terminal.restore();
  });
  const stopWatching = endWhenTerminalGoes();
  // Start opening now: the ORM (and the embedded database's thread) load while Ink does.
  // What the open is doing is said before Ink has loaded too: kept, and passed on once the App listens.
  const steps = { last: undefined as string | undefined, listen: undefined as ((step: string) => void) | undefined };
  const opening = open((step) => {
    steps.last = step;
    steps.listen?.(step);
  });
  opening.catch(() => {}); // the App reports a failure
  let db: DatabaseApi | undefined;
  let openFailed = false;
  const crash = (err: unknown) => {
    // Ink unmounts on exit and writes a frame that changed since its last one: done after the
    // restore, it would land on the main screen over the message. Unmounted first, it draws
    // into the alternate screen, which the restore then leaves.
    try {
      unmount?.();
    } catch {
      // The app is already broken: the terminal and the message come first.
    }
    terminal.restore();
    process.stderr.write(`movies-tui: ${scrubSecrets(verbose && err instanceof Error ? String(err.stack) : errorLine(err))}\n`);
    process.exit(1);
  };
  // A synchronous throw leaves the app in an unknown state: restore the terminal and stop.
  // A rejected promise nobody handled is reported in the status line instead.
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', reportBackgroundError);
  try {
    // React is CommonJS: its exports are the default export in both the bundle and plain Node.
    const [{ render, useStdout }, { default: React }, { App }, { PassThrough }] = await Promise.all([import('ink'), import('react'), import('./shell/App.js'), import('node:stream')]);
    const listen = (onStep?: (step: string) => void) => {
      steps.listen = onStep;
      if (steps.last && onStep) onStep(steps.last);
      return opening;
    };
    const app = React.createElement(App, { open: listen, label, onOpened: (d: DatabaseApi) => (db = d), onOpenFailed: () => (openFailed = true) });
    // Ink draws its first frame over the splash without erasing it, so a shorter line (the "too
    // small" message at 40×10) kept the splash's tail. Cleared in the tick of that frame: no flash.
    process.stdout.write('\x1b[H\x1b[2J');
    const instance = render(React.createElement(repainter(terminal, useStdout, React.useEffect), null, app), {
      exitOnCtrlC: false,
      // The app reads the keyboard itself (src/ui/input): Ink gets a stream that never has data,
      // so it never sets raw mode, never reads a key and never parses one (its parser throws on some).
      stdin: new PassThrough() as unknown as NodeJS.ReadStream,
      patchConsole: true,
      // Ink's default 30 fps delays the frame that shows a query's result by up to 33 ms; a frame costs a few.
      maxFps: 120,
    });
    unmount = () => instance.unmount();
    await instance.waitUntilExit();
    instance.cleanup();
  } finally {
    stopHook();
    stopWatching();
    terminal.restore();
    // A shutdown under way closes the database itself, with a deadline.
    if (shutdownCode() === undefined) await db?.close();
  }
  return openFailed ? 1 : 0;
}

const CLOSE_DEADLINE_MS = 600;

/**
 * Gives the terminal Ink's way to redraw the whole current frame: Ink's own stdout.write (from
 * useStdout) erases its output, writes ours (clear the screen, cursor home), then writes the last
 * frame again in full. Used after Ctrl+Z and `fg`, when the shell has drawn over the screen.
 */
function repainter(terminal: Terminal, useStdout: () => { write: (data: string) => void }, useEffect: (f: () => void, deps: unknown[]) => void) {
  return function Repaint({ children }: { children?: ReactNode }) {
    const { write } = useStdout();
    useEffect(() => terminal.setRepaint(() => write('\x1b[H\x1b[2J')), [write]);
    return children;
  };
}

/**
 * When the terminal goes away (its window closed, ssh dropped) the kernel sends SIGHUP, which
 * lifecycle.ts handles; stdin also ends, or reads and writes fail with EIO. Any of these ends the
 * app (a process left reading a dead terminal would spin, holding the embedded database's lock).
 */
function endWhenTerminalGoes(): () => void {
  const gone = () => shutdown(129);
  const failed = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EIO' || err.code === 'EPIPE' || err.code === 'ENXIO' || err.code === 'EBADF') gone();
    else throw err;
  };
  process.stdin.on('end', gone).on('close', gone).on('error', failed);
  process.stdout.on('error', failed);
  return () => {
    process.stdin.off('end', gone).off('close', gone).off('error', failed);
    process.stdout.off('error', failed);
  };
}
