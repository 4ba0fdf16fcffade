import { spawnSync } from 'node:child_process';
import { writeSync } from 'node:fs';

/**
 * Terminal set-up and tear-down, in one place. Ink 6.8 has no alternate-screen option,
 * so we switch screens ourselves and make sure the terminal is given back exactly as it
 * was on every way out: quit, Ctrl+C, SIGTERM/SIGHUP, an uncaught error, process.exit.
 */
const ENTER_ALT = '\x1b[?1049h';
const LEAVE_ALT = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';
const HIDE_CURSOR = '\x1b[?25l';
// Bracketed paste: the terminal marks a paste, so it reaches a text field whole instead of
// acting as keys (a Tab or a newline in it moving on, a "q" in it quitting). See input/parse.ts.
const PASTE_ON = '\x1b[?2004h';
const PASTE_OFF = '\x1b[?2004l';

export interface Terminal {
  /** Gives the terminal back (main screen, cursor, cooked mode, no bracketed paste). Idempotent and synchronous. */
  restore(): void;
  /** How to redraw the whole current frame after the screen was cleared (the app gives Ink's); until then the splash is drawn. */
  setRepaint(repaint: () => void): void;
}

interface Screen {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  repaint: () => void;
  suspended: boolean;
}

/** The full screen the app is in, if it is: what suspend() leaves and SIGCONT enters again. */
let current: Screen | undefined;

/** Switches to the alternate screen and draws `splash` (plain lines) until the app's first frame. */
export function enterFullScreen(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream, splash: string[] = []): Terminal {
  // The cursor goes back home so Ink's first frame is drawn over the splash.
  const drawSplash = () => writeNow(stdout, `\x1b[H\x1b[2J${splash.join('\r\n')}\x1b[H`);
  const screen: Screen = { stdout, stdin, repaint: drawSplash, suspended: false };
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.off('exit', restore);
    process.off('SIGTSTP', suspend);
    process.off('SIGCONT', resume);
    if (current === screen) current = undefined;
    // Suspended, the terminal is already given back (and the shell may own it now).
    if (!screen.suspended) leave(screen);
  };
  // Raw mode: the app reads every key itself (src/ui/input), Ink never reads stdin.
  if (stdin.isTTY) stdin.setRawMode(true);
  writeNow(stdout, ENTER);
  drawSplash();
  current = screen;
  process.on('exit', restore);
  // `kill -TSTP` from outside acts as Ctrl+Z does (in raw mode Ctrl+Z is a key, see suspend()).
  process.on('SIGTSTP', suspend);
  process.on('SIGCONT', resume);
  return { restore, setRepaint: (repaint) => (screen.repaint = repaint) };
}

const ENTER = `${ENTER_ALT}${HIDE_CURSOR}${PASTE_ON}`;

/** Cooked mode, main screen, cursor shown, no bracketed paste: the terminal as the app found it. */
function leave({ stdin, stdout }: Screen): void {
  if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
  // fs-level write: also works from an 'exit' handler, where stream writes may be lost.
  writeNow(stdout, `${PASTE_OFF}${SHOW_CURSOR}${LEAVE_ALT}`);
}

/**
 * Ctrl+Z: gives the terminal back exactly as on exit, then stops the whole job, as the terminal
 * itself does for Ctrl+Z in cooked mode (and as vim does): every process in our process group,
 * not just us. Started through `npx` or a script, the shell's job is npm or sh, our parent: were
 * only we stopped, the shell would go on waiting for its job and never give a prompt, so `fg`
 * could not be typed. SIGSTOP, since our own SIGTSTP handler would keep us from stopping. The
 * embedded database's thread is stopped with us and carries on after `fg` (see resume). Without
 * a shell to resume it (its parent is gone), stopping would leave the process stuck for good,
 * so it does not stop.
 */
export function suspend(): void {
  const screen = current;
  if (!screen || screen.suspended || process.ppid === 1) return;
  screen.suspended = true;
  leave(screen);
  process.kill(0, 'SIGSTOP');
}

/**
 * SIGCONT (after `fg`, `bg` or a stray `kill -CONT`): raw mode, the alternate screen and bracketed
 * paste again, and the whole frame redrawn, since the shell drew over the screen and Ink only
 * writes what changed. The terminal may have been resized meanwhile (SIGWINCH went to the shell):
 * a SIGWINCH to ourselves makes Node measure it again and tell Ink and the app.
 */
function resume(): void {
  const screen = current;
  if (!screen) return;
  screen.suspended = false;
  const { stdin, stdout } = screen;
  if (stdin.isTTY) {
    // The shell set the terminal's modes while we were stopped: set raw mode afresh.
    if (stdin.isRaw) stdin.setRawMode(false);
    stdin.setRawMode(true);
  }
  writeNow(stdout, ENTER);
  screen.repaint();
  process.kill(process.pid, 'SIGWINCH');
}

/**
 * Runs a program that needs the terminal (an editor) and waits for it: the terminal is given
 * back as on Ctrl+Z, and taken again (raw mode, the alternate screen, the frame redrawn) when it
 * ends. The app waits meanwhile, so the program alone reads the keyboard. Returns its exit code
 * (null when it could not run or was killed) and why it could not run.
 */
export function runExternal(command: string, args: readonly string[]): { status: number | null; error?: string } {
  const screen = current && !current.suspended ? current : undefined;
  if (screen) leave(screen);
  try {
    const result = spawnSync(command, args, { stdio: 'inherit' });
    return { status: result.status, error: result.error?.message };
  } finally {
    if (screen) resume();
  }
}

function writeNow(stdout: NodeJS.WriteStream, text: string): void {
  const fd = (stdout as { fd?: number }).fd;
  if (typeof fd === 'number') {
    try {
      writeSync(fd, text);
      return;
    } catch {
      // fall through to the stream
    }
  }
  stdout.write(text);
}
