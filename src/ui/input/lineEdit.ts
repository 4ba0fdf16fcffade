/**
 * The line editor of every text field: readline's keys on a `{ value, cursor }`, pure, so a
 * field's whole behaviour is tested without a terminal. The field keeps the state and draws it
 * (TextField); the key router hands it the keys the key table did not take.
 *
 * The cursor is an index into `value` in UTF-16 code units (so `value.slice(0, cursor)` is the
 * text before it) that always sits on a grapheme boundary: it never splits a surrogate pair, an
 * emoji joined with U+200D, a flag or a letter and its accent. ← → Backspace and Delete move
 * over or delete one grapheme (what the terminal draws as one character). After an edit that
 * glues the cursor inside a grapheme (a combining mark typed before the text right of the
 * cursor's letter), the cursor moves to that grapheme's end.
 *
 * Every key costs time linear in the value's length at most, and a paste is measured before
 * it is scanned, so a megabyte pasted into a field of 200 characters is refused at once.
 */
import { textProblem } from '../../db/validation.js';
import { boundaryAtOrAfter, boundaryAtOrBefore, graphemesOf, nextBoundary, previousBoundary } from './graphemes.js';
import type { KeyEvent } from './types.js';

export interface LineState {
  value: string;
  /** UTF-16 index into value, on a grapheme boundary, within [0, value.length]. */
  cursor: number;
}

export interface EditOptions {
  /** Most characters (code points, as PostgreSQL counts) the value may have; an insert past it is refused whole. */
  max?: number;
}

/** The key changed (or, like ← at the start, kept) the state; the text it would have added was refused, and why; undefined: not a key for the field. */
export type EditResult = { state: LineState } | { refused: string } | undefined;

// What a terminal would act on instead of showing (see inert in ../text.ts): C0 and C1 controls,
// DEL, line and paragraph separators, bidi overrides and isolates, lone surrogates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\p{Cs}/u;
// readline's words: runs of letters and digits (with their marks). Ctrl+W uses whitespace instead.
const isWord = (ch: string) => /^[\p{L}\p{N}\p{M}_]/u.test(ch);
const isNotSpace = (ch: string) => !/^\s/u.test(ch);

/** The result of handing `key` to a field in `state`. */
export function edit(state: LineState, key: KeyEvent, opts: EditOptions = {}): EditResult {
  if (key.kind === 'paste') {
    if (key.truncated) return { refused: opts.max !== undefined ? `at most ${opts.max} characters` : 'too long to paste' };
    return insert(state, key.text.replace(/(\r\n|\r|\n)$/, ''), opts);
  }
  if (key.kind === 'text') return insert(state, key.text, opts);
  const { value, cursor } = state;
  const at = (c: number): EditResult => ({ state: { value, cursor: c } });
  const cut = (from: number, to: number): EditResult => ({ state: remove(value, from, to) });
  const { name, ctrl, alt } = key;
  if (ctrl && !alt) {
    switch (name) {
      case 'a': return at(0);
      case 'e': return at(value.length);
      case 'b': return at(previousBoundary(value, cursor));
      case 'f': return at(nextBoundary(value, cursor));
      case 'h': return cut(previousBoundary(value, cursor), cursor);
      case 'd': return cut(cursor, nextBoundary(value, cursor));
      case 'u': return cut(0, cursor);
      case 'k': return cut(cursor, value.length);
      case 'w': return cut(wordStart(value, cursor, isNotSpace), cursor);
      case 'left': return at(wordStart(value, cursor, isWord));
      case 'right': return at(wordEnd(value, cursor));
      // Ctrl+Backspace is ^H on many terminals: the same as Backspace, so it deletes one character.
      case 'backspace': return cut(previousBoundary(value, cursor), cursor);
      case 'delete': return cut(cursor, wordEnd(value, cursor));
      default: return undefined;
    }
  }
  if (alt && !ctrl) {
    switch (name) {
      case 'b': case 'left': return at(wordStart(value, cursor, isWord));
      case 'f': case 'right': return at(wordEnd(value, cursor));
      case 'backspace': return cut(wordStart(value, cursor, isWord), cursor);
      case 'd': case 'delete': return cut(cursor, wordEnd(value, cursor));
      default: return undefined;
    }
  }
  if (ctrl || alt) return undefined;
  switch (name) {
    case 'left': return at(previousBoundary(value, cursor));
    case 'right': return at(nextBoundary(value, cursor));
    case 'home': return at(0);
    case 'end': return at(value.length);
    case 'backspace': return cut(previousBoundary(value, cursor), cursor);
    case 'delete': return cut(cursor, nextBoundary(value, cursor));
    case 'space': return insert(state, ' ', opts);
    default:
      // A printable key is named by its character; every other name is a special key (↑, Enter, F1…).
      return isCharacter(name) ? insert(state, name, opts) : undefined;
  }
}

/** An empty field, or one holding `value` with the cursor at its end (where typing goes on). */
export const lineState = (value = ''): LineState => ({ value, cursor: value.length });

function isCharacter(name: string): boolean {
  return name.length > 0 && name.length <= 32 && graphemesOf(name).containing(0)?.segment === name;
}

function insert({ value, cursor }: LineState, text: string, { max }: EditOptions): EditResult {
  if (text === '') return { state: { value, cursor } };
  // Measured before anything scans the text, so a huge paste is refused in constant time.
  if (max !== undefined && text.length + value.length > max && codePoints(value) + codePoints(text, max + 1) > max) {
    return { refused: `at most ${max} characters` };
  }
  const unsafe = UNSAFE.exec(text)?.[0];
  if (unsafe !== undefined) return { refused: textProblem(text) ?? `must not contain line or paragraph separators (found U+${unsafe.codePointAt(0)!.toString(16).toUpperCase()})` };
  const next = value.slice(0, cursor) + text + value.slice(cursor);
  return { state: { value: next, cursor: boundaryAtOrAfter(next, cursor + text.length) } };
}

function remove(value: string, from: number, to: number): LineState {
  if (from >= to) return { value, cursor: from };
  const next = value.slice(0, from) + value.slice(to);
  return { value: next, cursor: boundaryAtOrAfter(next, from) };
}

/** Code points in s, counting no further than `limit` (a megabyte is not walked to learn it is more than 200). */
function codePoints(s: string, limit = Infinity): number {
  if (s.length <= 1) return s.length;
  if (s.length / 2 > limit) return limit; // every code point is at most two code units
  let n = 0;
  for (let i = 0; i < s.length && n < limit; i++, n++) {
    if (isHighSurrogate(s.charCodeAt(i)) && isLowSurrogate(s.charCodeAt(i + 1))) i++;
  }
  return n;
}




/**
 * Where the word before the cursor starts: back over what is not a word, then over the word.
 * `inWord` says what a word is made of: letters and digits (Alt+B), or anything but whitespace
 * (Ctrl+W). Walked code point by code point, then moved to the start of its grapheme (see
 * graphemes.ts for why a long value is never segmented whole).
 */
function wordStart(value: string, cursor: number, inWord: (ch: string) => boolean): number {
  let i = cursor;
  let seenWord = false;
  while (i > 0) {
    const j = i >= 2 && isLowSurrogate(value.charCodeAt(i - 1)) && isHighSurrogate(value.charCodeAt(i - 2)) ? i - 2 : i - 1;
    const word = inWord(value.slice(j, i));
    if (word) seenWord = true;
    else if (seenWord) break;
    i = j;
  }
  return i === cursor ? i : boundaryAtOrBefore(value, i);
}

/** Where the next word ends (readline's forward-word): over what is not a word, then over the word. */
function wordEnd(value: string, cursor: number): number {
  let i = cursor;
  let seenWord = false;
  while (i < value.length) {
    const j = isHighSurrogate(value.charCodeAt(i)) && isLowSurrogate(value.charCodeAt(i + 1)) ? i + 2 : i + 1;
    const word = isWord(value.slice(i, j));
    if (word) seenWord = true;
    else if (seenWord) break;
    i = j;
  }
  return boundaryAtOrAfter(value, i);
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
