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
}

/** Switches to the alternate screen and draws `splash` (plain lines) until the app's first frame. */
export function enterFullScreen(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream, splash: string[] = []): Terminal {
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.off('exit', restore);
    if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
    // fs-level write: also works from an 'exit' handler, where stream writes may be lost.
    writeNow(stdout, `${PASTE_OFF}${SHOW_CURSOR}${LEAVE_ALT}`);
  };
  // Raw mode: the app reads every key itself (src/ui/input), Ink never reads stdin.
  if (stdin.isTTY) stdin.setRawMode(true);
  // The cursor goes back home so Ink's first frame is drawn over the splash.
  writeNow(stdout, `${ENTER_ALT}${HIDE_CURSOR}${PASTE_ON}\x1b[H\x1b[2J${splash.join('\r\n')}\x1b[H`);
  process.on('exit', restore);
  return { restore };
}

/**
 * Ctrl+Z: suspends the app to the shell. Placeholder until the terminal's suspend and resume
 * (restore, SIGTSTP, re-enter on SIGCONT) land from the `fields` branch, which replaces it.
 */
export function suspend(): void {
  process.kill(process.pid, 'SIGTSTP');
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
