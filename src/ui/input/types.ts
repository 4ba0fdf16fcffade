/**
 * The app's own typed keys. One keypress layer (src/ui/input) reads stdin, parses the bytes
 * into these, and the key router hands them on: to the key table first, then to the text field
 * that has the focus. Nothing in the app reads Ink's input.
 */

/** Names of non-printable keys; printable keys are named by their character ('a', 'A', '?'). */
export type SpecialKey =
  | 'up' | 'down' | 'left' | 'right'
  | 'home' | 'end' | 'pgup' | 'pgdn' | 'insert' | 'delete'
  | 'enter' | 'tab' | 'backspace' | 'esc' | 'space'
  | 'f1' | 'f2' | 'f3' | 'f4' | 'f5' | 'f6' | 'f7' | 'f8' | 'f9' | 'f10' | 'f11' | 'f12';

export type KeyEvent =
  /**
   * One key. `name` is a SpecialKey or one printable character (for Ctrl+letter the
   * lower-case letter with ctrl set). `sequence` is the raw input it came from.
   */
  | { kind: 'key'; name: string; ctrl: boolean; alt: boolean; shift: boolean; sequence: string }
  /** Printable characters typed together (a run read in one go, for a text field). */
  | { kind: 'text'; text: string }
  /** A bracketed paste, whole. `truncated` when it was longer than the parser keeps (the rest was dropped). */
  | { kind: 'paste'; text: string; truncated: boolean };

/**
 * A text field's sink for keys: called with each key the key table did not take while the field
 * has the focus. Returns true when the field used the key.
 */
export type TextSink = (key: KeyEvent) => boolean;
