// End-to-end harness: run a program in a real pseudo-terminal (node-pty) and feed
// everything it writes into a headless xterm, so tests read the screen the way a
// person sees it, not the escape-sequence soup that produced it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Both packages are CommonJS; Node's ESM loader only offers them as a default export.
import xterm from '@xterm/headless';
import nodePty from 'node-pty';

/** Bytes a stock xterm sends for each key (normal cursor-key mode; see press()). */
export const keys = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  home: '\x1b[H',
  end: '\x1b[F',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  delete: '\x1b[3~',
  tab: '\t',
  shiftTab: '\x1b[Z',
  enter: '\r', // a terminal sends CR; only the tty's ICRNL (off in raw mode) makes it \n
  escape: '\x1b',
  backspace: '\x7f', // xterm's default backspace is DEL, not ^H
  space: ' ',
  ctrlC: '\x03',
  ctrlD: '\x04',
  ctrlN: '\x0e',
  ctrlS: '\x13', // XOFF: only reaches the app when IXON is off (Node's setRawMode does that)
  ctrlX: '\x18',
  altUp: '\x1b[1;3A', // modifier 3 = Alt, xterm's modifyCursorKeys form
  altDown: '\x1b[1;3B',
} as const;
export type KeyName = keyof typeof keys;

export interface PtyOptions {
  cols?: number;
  rows?: number;
  /** Defaults to process.env; CI/TERM are always overridden (see spawnPty). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Pause after each key in press()/type(); 40 ms is a fast typist and keeps keys in separate reads. */
  keyDelayMs?: number;
}

export interface PtyApp {
  readonly pid: number;
  /** The visible screen, one line per row (always `rows` lines), trailing spaces trimmed. Call after flush()/waitFor. */
  screen(): string;
  /** Resolves once xterm has parsed everything received so far (xterm's write() is async). */
  flush(): Promise<void>;
  /** Writes each key (a `keys` name or raw text), pausing keyDelayMs after each. */
  press(...keys: Array<KeyName | (string & {})>): Promise<void>;
  /** Types text one character at a time (never interpreted as key names). */
  type(text: string): Promise<void>;
  /** Resolves when the screen contains the text / matches the regex; rejects with the screen on timeout or exit. */
  waitFor(match: string | RegExp, timeoutMs?: number): Promise<void>;
  waitForGone(match: string | RegExp, timeoutMs?: number): Promise<void>;
  resize(cols: number, rows: number): void;
  /** Everything the program wrote, raw. */
  output(): string;
  inAlternateScreen(): boolean;
  cursorVisible(): boolean;
  /** Whether the program asked for bracketed paste (CSI ?2004h), so pastes come marked. */
  bracketedPaste(): boolean;
  /** Resolves after exit and after xterm has parsed the final output, so screen() etc. are current. */
  exited: Promise<{ exitCode: number; signal?: number }>;
  /** Sends a signal (default SIGHUP, as closing a terminal does); a no-op once exited. */
  kill(signal?: string): void;
  /** Closes the terminal itself, as closing its window does: the kernel sends SIGHUP and input ends. */
  hangUp(): void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const describeMatch = (m: string | RegExp) => (typeof m === 'string' ? JSON.stringify(m) : String(m));
const matches = (m: string | RegExp, s: string) => (typeof m === 'string' ? s.includes(m) : s.search(m) !== -1); // search(): no /g lastIndex state

export function spawnPty(command: string, args: string[], options: PtyOptions = {}): PtyApp {
  const { cols = 80, rows = 24, keyDelayMs = 40 } = options;
  const settleMs = 60;
  const env: NodeJS.ProcessEnv = {
    ...(options.env ?? process.env),
    // Ink treats CI=true (or CONTINUOUS_INTEGRATION) as "not interactive" and prints only the last frame.
    CI: 'false',
    CONTINUOUS_INTEGRATION: 'false',
    TERM: 'xterm-256color',
  };
  // We emulate an xterm: don't let the developer's own terminal leak in (Ink probes kitty/WezTerm/ghostty
  // for the kitty keyboard protocol and would wait for a reply xterm.js never sends).
  for (const k of ['TERM_PROGRAM', 'TERM_PROGRAM_VERSION', 'KITTY_WINDOW_ID', 'TMUX']) delete env[k];

  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
  const proc = nodePty.spawn(command, args, { name: 'xterm-256color', cols, rows, cwd: options.cwd ?? process.cwd(), env });

  // DECTCEM is not in xterm's public IModes, so follow it through parser hooks; returning false lets
  // xterm handle the sequence as usual, and hooks run in stream order, in step with the buffer.
  let cursorShown = true;
  const onMode = (visible: boolean) => (params: (number | number[])[]) => {
    if (params.includes(25)) cursorShown = visible;
    return false;
  };
  term.parser.registerCsiHandler({ prefix: '?', final: 'h' }, onMode(true));
  term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, onMode(false));
  term.parser.registerCsiHandler({ intermediates: '!', final: 'p' }, () => ((cursorShown = true), false)); // DECSTR
  term.parser.registerEscHandler({ final: 'c' }, () => ((cursorShown = true), false)); // RIS

  let raw = '';
  let exitInfo: { exitCode: number; signal?: number } | undefined;
  const flush = () => new Promise<void>((r) => term.write('', r));
  proc.onData((data) => {
    raw += data;
    term.write(data);
  });
  // A real terminal answers queries (cursor position, device attributes): pass xterm's replies back.
  term.onData((reply) => {
    if (!exitInfo) proc.write(reply);
  });
  // node-pty emits exit only after the pty's read side closed, so all output has been queued by now.
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) =>
    proc.onExit((e) => {
      exitInfo = e;
      void flush().then(() => resolve(e));
    }),
  );

  const screen = () => {
    const buf = term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < term.rows; y++) lines.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    return lines.join('\n');
  };

  const send = (data: string) => {
    if (exitInfo) throw new Error(`cannot send ${JSON.stringify(data)}: the program already exited (${JSON.stringify(exitInfo)})`);
    proc.write(data);
  };

  async function until(ok: () => boolean, what: string, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Note exit *before* flushing: then the flush covers all the output there will ever be.
      const wasExited = exitInfo;
      await flush();
      if (ok()) {
        // The frame is drawn, but Ink subscribes a newly shown input field in an effect that
        // runs just after: pause like a person reacting to the screen before the next key.
        await sleep(settleMs);
        return;
      }
      const why = wasExited
        ? `the program exited (${JSON.stringify(wasExited)})`
        : Date.now() >= deadline
          ? `timed out after ${timeoutMs} ms`
          : undefined;
      if (why) {
        const shown = screen().split('\n').map((l) => `|${l}`).join('\n');
        throw new Error(`${what}: ${why}. Screen (${term.cols}x${term.rows}):\n${shown}`);
      }
      await sleep(25);
    }
  }

  return {
    pid: proc.pid,
    screen,
    flush,
    async press(...ks) {
      for (const k of ks) {
        let bytes: string = Object.hasOwn(keys, k) ? keys[k as KeyName] : k;
        // Like xterm: with DECCKM (CSI ?1h) set, unmodified arrows/home/end go out as SS3 (ESC O x).
        if (term.modes.applicationCursorKeysMode) bytes = bytes.replace(/^\x1b\[([ABCDHF])$/, '\x1bO$1');
        send(bytes);
        await sleep(keyDelayMs);
      }
    },
    async type(text) {
      for (const ch of text) {
        send(ch);
        await sleep(keyDelayMs);
      }
    },
    waitFor: (m, timeoutMs = 15_000) => until(() => matches(m, screen()), `waitFor(${describeMatch(m)})`, timeoutMs),
    waitForGone: (m, timeoutMs = 15_000) => until(() => !matches(m, screen()), `waitForGone(${describeMatch(m)})`, timeoutMs),
    resize(c, r) {
      // Terminal first, so the redraw the app does on SIGWINCH is parsed at the new size.
      term.resize(c, r);
      if (!exitInfo) proc.resize(c, r);
    },
    output: () => raw,
    inAlternateScreen: () => term.buffer.active.type === 'alternate',
    cursorVisible: () => cursorShown,
    bracketedPaste: () => term.modes.bracketedPasteMode,
    exited,
    kill(signal) {
      if (!exitInfo) proc.kill(signal);
    },
    hangUp() {
      // node-pty closes the master side (the kernel hangs up the terminal), then sends SIGHUP too.
      if (!exitInfo) (proc as unknown as { destroy(): void }).destroy();
    },
  };
}

/** Quotes argv for /bin/sh, e.g. spawnWrapped(shellQuote([process.execPath, CLI, 'tui'])). */
export const shellQuote = (argv: string[]) => argv.map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');

export interface WrappedPtyApp extends PtyApp {
  /** `stty -g` of the pty just before the app started / just after it exited (undefined until written). */
  sttyBefore(): string | undefined;
  sttyAfter(): string | undefined;
  /** The app's own exit status as the shell saw it (128+N when killed by signal N). */
  appExitCode(): number | undefined;
}

/**
 * Runs `appCommandLine` (shell syntax) under /bin/sh in the pty, recording the tty settings before
 * and after, so a test can prove the app gave the terminal back: sttyAfter() === sttyBefore() (raw
 * mode and echo restored), inAlternateScreen() false and cursorVisible() true once `exited` resolves.
 * Note: Node restores the tty itself on normal exit and on SIGINT/SIGTERM; only a crash it cannot
 * intercept (SIGKILL, native abort) or a child process leaves raw mode behind.
 */
export function spawnWrapped(appCommandLine: string, options: PtyOptions = {}): WrappedPtyApp {
  const dir = mkdtempSync(join(tmpdir(), 'pty-stty-'));
  const script = [
    'stty -g > "$PTY_STATE_DIR/before"',
    appCommandLine,
    'code=$?',
    'stty -g > "$PTY_STATE_DIR/after"',
    'echo "$code" > "$PTY_STATE_DIR/code"',
    'printf "\\n[exit %s]\\n" "$code"',
  ].join('\n');
  const app = spawnPty('/bin/sh', ['-c', script], { ...options, env: { ...(options.env ?? process.env), PTY_STATE_DIR: dir } });

  // Read the files once the shell is gone, then remove the directory.
  const saved: Record<string, string | undefined> = {};
  const read = (name: string) => {
    if (name in saved) return saved[name];
    try {
      return readFileSync(join(dir, name), 'utf8').trim();
    } catch {
      return undefined;
    }
  };
  const exited = app.exited.then((e) => {
    for (const name of ['before', 'after', 'code']) saved[name] = read(name);
    rmSync(dir, { recursive: true, force: true });
    return e;
  });
  return {
    ...app,
    exited,
    sttyBefore: () => read('before'),
    sttyAfter: () => read('after'),
    appExitCode: () => {
      const code = read('code');
      return code === undefined ? undefined : Number(code);
    },
  };
}
