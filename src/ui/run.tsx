import type { DatabaseApi } from '../db/types.js';
import { scrubSecrets } from '../db/secrets.js';
import { errorLine, reportBackgroundError } from './backgroundErrors.js';
import { enterFullScreen } from './terminal.js';

export interface RunOptions {
  open: () => Promise<DatabaseApi>;
  /** The masked database URL or data dir, shown while opening. */
  label: string;
  verbose?: boolean;
}

/**
 * Runs the full-screen app and returns the exit code. The first frame is painted before
 * the database (and the ORM) load; the terminal is restored on every way out.
 */
/** What the first frame shows, drawn before Ink has loaded; Ink's own first frame replaces it. */
function splash(label: string, width: number): string[] {
  const bold = (s: string) => (process.env.FORCE_COLOR === '0' ? s : `\x1b[1m${s}\x1b[22m`);
  const fit = (s: string) => (s.length > width ? `${s.slice(0, width - 1)}…` : s);
  return [`${bold('movies-tui')}${fit(` · ${label}`).slice(0, width - 10)}`, ' 1 Movies  2 Migrations  3 Data  4 Database ', '', fit(`opening database… (${label})`)];
}

export async function runApp({ open, label, verbose }: RunOptions): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write('movies-tui: the full-screen app needs a terminal on stdin and stdout; for scripts use the subcommands (movies-tui --help)\n');
    return 2;
  }
  // chalk ignores NO_COLOR; FORCE_COLOR=0 turns styling off before Ink loads it.
  if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
  const terminal = enterFullScreen(process.stdout, process.stdin, splash(label, process.stdout.columns || 80));
  // Start opening now: the ORM (and the embedded database's thread) load while Ink does.
  const opening = open();
  opening.catch(() => {}); // the App reports a failure
  let db: DatabaseApi | undefined;
  let openFailed = false;
  const crash = (err: unknown) => {
    terminal.restore();
    process.stderr.write(`movies-tui: ${scrubSecrets(verbose && err instanceof Error ? String(err.stack) : errorLine(err))}\n`);
    process.exit(1);
  };
  // A synchronous throw leaves the app in an unknown state: restore the terminal and stop.
  // A rejected promise nobody handled is reported in the status line instead.
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', reportBackgroundError);
  // Test hook: an uncaught error while the app runs, to prove the terminal is restored.
  const crashAfter = Number(process.env.MOVIES_TUI_TEST_CRASH_AFTER_MS);
  if (crashAfter > 0) setTimeout(() => {
    throw new Error('test crash (MOVIES_TUI_TEST_CRASH_AFTER_MS)');
  }, crashAfter);
  try {
    // React is CommonJS: its exports are the default export in both the bundle and plain Node.
    const [{ render }, { default: React }, { App }, { PassThrough }] = await Promise.all([import('ink'), import('react'), import('./App.js'), import('node:stream')]);
    const instance = render(React.createElement(App, { open: () => opening, label, onOpened: (d: DatabaseApi) => (db = d), onOpenFailed: () => (openFailed = true) }), {
      exitOnCtrlC: false,
      // The app reads the keyboard itself (src/ui/input): Ink gets a stream that never has data,
      // so it never sets raw mode, never reads a key and never parses one (its parser throws on some).
      stdin: new PassThrough() as unknown as NodeJS.ReadStream,
      patchConsole: true,
      // Ink's default 30 fps delays the frame that shows a query's result by up to 33 ms; a frame costs a few.
      maxFps: 120,
    });
    await instance.waitUntilExit();
    instance.cleanup();
  } finally {
    terminal.restore();
    await db?.close();
  }
  return openFailed ? 1 : 0;
}
