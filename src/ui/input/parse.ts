/**
 * The terminal's bytes (decoded as UTF-8 strings) into typed keys: pure, incremental (a
 * sequence cut between two reads is completed by the next), linear in the input and never
 * throwing. Whatever it cannot name (a colour code typed by hand, a status report, Ctrl+F1 on
 * an odd terminal) is consumed whole and reported as `unknown`, never as text; mouse and focus
 * reports are dropped. Covers what xterm and its kin send: CSI with modifiers, SS3, the
 * `modifyOtherKeys`/CSI-u forms, Alt as an ESC prefix, control bytes, bracketed paste.
 */
import type { KeyEvent } from './types.js';

/** What the parser yields: the app's keys, plus sequences it read and could not name. */
export type ParsedEvent = KeyEvent | { kind: 'unknown'; sequence: string };

export interface Parser {
  /** Parses one read; what is left unfinished waits for the next. */
  push(chunk: string): ParsedEvent[];
  /**
   * What waits for more input: 'esc' when the input ends in a lone ESC (or an unfinished
   * sequence), 'paste' inside a bracketed paste. The caller flushes after a short wait (the
   * parts of a sequence arrive together; a paste's, at the terminal's pace).
   */
  pending(): 'esc' | 'paste' | undefined;
  /**
   * Nothing more came: the waiting ESC is a key of its own (Esc, or Alt+[ / Alt+O); a paste
   * missing its end ends here. If the next read is the rest of that sequence after all (a
   * busy machine can split a key's bytes across reads further apart than the wait), it is
   * read as that key, never as typed text; see settle().
   */
  flush(): ParsedEvent[];
  /** Input paused: what is read next is new input, not the late rest of a sequence flushed before. */
  settle(): void;
  /** Characters examined so far (each read counts its own and what it re-reads): for tests that the work is linear. */
  work(): number;
}

/** Most characters a bracketed paste keeps; the rest is dropped and the paste marked `truncated`. */
export const PASTE_MAX = 1 << 20;
/** A CSI longer than this is garbage: consumed and reported, not waited for forever. */
const CSI_MAX = 64;
const ESC = '\x1b';
const PASTE_END = '\x1b[201~';
/**
 * The late rest of a sequence whose start was flushed, joined to that start: a CSI key (with
 * parameters, or one of the letters keys, focus and mouse reports end in) or an SS3 key.
 * Narrow on purpose: Esc then `[` or `[x` or `Oh` typed is Esc then text.
 */
const LATE_TAIL = /^\x1b(\[([0-9;:<=>?]+[A-Za-z~]|[A-DFHIMOP-SZ])|O[0-9;]*[A-DFHP-S])/;

const key = (name: string, sequence: string, mods: { ctrl?: boolean; alt?: boolean; shift?: boolean } = {}): KeyEvent => ({
  kind: 'key',
  name,
  ctrl: mods.ctrl ?? false,
  alt: mods.alt ?? false,
  shift: mods.shift ?? false,
  sequence,
});

/** CSI `n ~` keys (xterm, VT220, rxvt). */
const TILDE: Record<number, string> = {
  1: 'home', 2: 'insert', 3: 'delete', 4: 'end', 5: 'pgup', 6: 'pgdn', 7: 'home', 8: 'end',
  11: 'f1', 12: 'f2', 13: 'f3', 14: 'f4', 15: 'f5', 17: 'f6', 18: 'f7', 19: 'f8', 20: 'f9', 21: 'f10', 23: 'f11', 24: 'f12',
};
/** Final letters of CSI and SS3 keys. */
const LETTER: Record<string, string> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', P: 'f1', Q: 'f2', R: 'f3', S: 'f4' };
/** The keypad in application mode (SS3). */
const KEYPAD: Record<string, string> = {
  M: 'enter', j: '*', k: '+', l: ',', m: '-', n: '.', o: '/', X: '=', I: 'tab',
  p: '0', q: '1', r: '2', s: '3', t: '4', u: '5', v: '6', w: '7', x: '8', y: '9',
};
/** The Linux console's F1–F5: ESC [ [ A … E. */
const LINUX_F: Record<string, string> = { A: 'f1', B: 'f2', C: 'f3', D: 'f4', E: 'f5' };

/** xterm's modifier parameter: 1 + (shift 1, alt 2, ctrl 4, meta 8). Anything else means none. */
function modifiers(param: string | undefined): { shift: boolean; alt: boolean; ctrl: boolean } {
  const m = Number(param) - 1;
  if (!Number.isInteger(m) || m < 0 || m > 255) return { shift: false, alt: false, ctrl: false };
  return { shift: (m & 1) !== 0, alt: (m & 10) !== 0, ctrl: (m & 4) !== 0 };
}

/** A key named by its code point (CSI-u and modifyOtherKeys). */
function fromCode(code: number, sequence: string, mods: ReturnType<typeof modifiers>): ParsedEvent {
  if (code === 13) return key('enter', sequence, mods);
  if (code === 9) return key('tab', sequence, mods);
  if (code === 27) return key('esc', sequence, mods);
  if (code === 127 || code === 8) return key('backspace', sequence, mods);
  if (code === 32) return key('space', sequence, mods);
  if (code < 32 || (code >= 0x7f && code <= 0x9f) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return { kind: 'unknown', sequence };
  const ch = String.fromCodePoint(code);
  return key(mods.ctrl && !mods.shift ? ch.toLowerCase() : ch, sequence, mods);
}

/** One complete CSI sequence: `params` (parameter bytes), `final` (its last byte). */
function csi(params: string, final: string, sequence: string): ParsedEvent | undefined {
  if (/^[<>?=]/.test(params)) return params.startsWith('<') ? undefined : { kind: 'unknown', sequence }; // SGR mouse (dropped), terminal replies
  const parts = params.split(';');
  if (final === '~') {
    const n = Number(parts[0]);
    if (n === 27 && parts.length === 3) return fromCode(Number(parts[2]), sequence, modifiers(parts[1])); // modifyOtherKeys
    const name = TILDE[n];
    return name && parts.length <= 2 ? key(name, sequence, modifiers(parts[1])) : { kind: 'unknown', sequence };
  }
  if (final === 'u' && parts.length <= 2 && /^\d+$/.test(parts[0]!)) return fromCode(Number(parts[0]), sequence, modifiers(parts[1]));
  if (final === 'Z' && params === '') return key('tab', sequence, { shift: true });
  if ((final === 'I' || final === 'O') && params === '') return undefined; // focus in / out
  const name = LETTER[final];
  // `ESC [ A`, or `ESC [ 1 ; m A` with modifiers (a first parameter other than 1 is a report, e.g. the cursor position's `row;col R`).
  if (name && (params === '' || (parts.length === 2 && (parts[0] === '1' || parts[0] === '')))) return key(name, sequence, modifiers(parts[1]));
  return { kind: 'unknown', sequence };
}

/** Control bytes other than ESC. */
function control(ch: string): ParsedEvent {
  const code = ch.charCodeAt(0);
  if (ch === '\r' || ch === '\n') return key('enter', ch);
  if (ch === '\t') return key('tab', ch);
  if (ch === '\x7f' || ch === '\b') return key('backspace', ch);
  if (code === 0) return key('space', ch, { ctrl: true });
  if (code <= 26) return key(String.fromCharCode(code + 96), ch, { ctrl: true });
  if (code < 32) return key('\\]^_'[code - 28]!, ch, { ctrl: true });
  return { kind: 'unknown', sequence: ch }; // C1 controls (U+0080–U+009F)
}

const isControl = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f);

export function createParser(pasteMax = PASTE_MAX): Parser {
  /** The unfinished start of an escape sequence from the last read (short: at most CSI_MAX). */
  let carry = '';
  /** Inside a bracketed paste: the pieces kept so far, their length, and whether some were dropped. */
  let paste: { parts: string[]; length: number; truncated: boolean; tail: string } | undefined;
  /** The start of a sequence the last flush gave up on (made a key of), until the next read or settle(). */
  let late = '';
  let work = 0;

  const keepPaste = (text: string) => {
    const p = paste!;
    const room = pasteMax - p.length;
    if (text.length > room) p.truncated = true;
    const kept = text.length > room ? text.slice(0, Math.max(0, room)) : text;
    if (kept) {
      p.parts.push(kept);
      p.length += kept.length;
    }
  };

  /** In a paste: looks for its end in `s` from `i`; returns where parsing goes on, or -1 when `s` ran out. */
  const inPaste = (s: string, i: number, out: ParsedEvent[]): number => {
    const p = paste!;
    // The end marker may be cut between reads: look for it across the last few characters too.
    const joined = p.tail + s.slice(i);
    const end = joined.indexOf(PASTE_END);
    work += end === -1 ? joined.length : end + PASTE_END.length;
    if (end === -1) {
      // Keep all but what could be the start of the marker.
      const keep = Math.max(0, joined.length - (PASTE_END.length - 1));
      keepPaste(joined.slice(0, keep));
      p.tail = joined.slice(keep);
      return -1;
    }
    keepPaste(joined.slice(0, end));
    out.push({ kind: 'paste', text: p.parts.join(''), truncated: p.truncated });
    paste = undefined;
    // Where the marker ends, counted in `s` (the tail came before `s`).
    return i + end + PASTE_END.length - p.tail.length;
  };

  /**
   * An escape sequence starting at s[i] (an ESC). Returns its length, or 0 when `s` ends before
   * it does (the caller waits for more). Pushes its event, if any.
   */
  const escape = (s: string, i: number, out: ParsedEvent[]): number => {
    const next = s[i + 1];
    if (next === undefined) return 0;
    if (next === '[') {
      let j = i + 2;
      // Linux console F1–F5: ESC [ [ A.
      if (s[j] === '[') {
        if (j + 1 >= s.length) return 0;
        const name = LINUX_F[s[j + 1]!];
        out.push(name ? key(name, s.slice(i, j + 2)) : { kind: 'unknown', sequence: s.slice(i, j + 2) });
        return j + 2 - i;
      }
      while (j < s.length && j - i < CSI_MAX) {
        const c = s.charCodeAt(j);
        if (c >= 0x40 && c <= 0x7e) break; // final byte
        if (c < 0x20 || c > 0x3f) {
          // Not a CSI byte: what came so far is a broken sequence; the byte starts what follows.
          out.push({ kind: 'unknown', sequence: s.slice(i, j) });
          return j - i;
        }
        j++;
      }
      if (j - i >= CSI_MAX) {
        out.push({ kind: 'unknown', sequence: s.slice(i, j) });
        return j - i;
      }
      if (j >= s.length) return 0;
      const params = s.slice(i + 2, j);
      const final = s[j]!;
      // X10 mouse: ESC [ M and three bytes of button and position.
      if (final === 'M' && params === '') return j + 4 <= s.length ? j + 4 - i : 0;
      const sequence = s.slice(i, j + 1);
      if (params === '200' && final === '~') {
        paste = { parts: [], length: 0, truncated: false, tail: '' };
        return j + 1 - i;
      }
      if (params === '201' && final === '~') return j + 1 - i; // an end without a start
      const event = csi(params, final, sequence);
      if (event) out.push(event);
      return j + 1 - i;
    }
    if (next === 'O') {
      // SS3: ESC O [digits;] final (modifiers in the middle on some terminals).
      let j = i + 2;
      while (j < s.length && j - i < 8 && /[0-9;]/.test(s[j]!)) j++;
      if (j >= s.length) return 0;
      const final = s[j]!;
      const sequence = s.slice(i, j + 1);
      const mods = modifiers(s.slice(i + 2, j).split(';').at(-1));
      const name = LETTER[final] ?? KEYPAD[final];
      if (name && s.charCodeAt(j) >= 0x40) out.push(key(name, sequence, mods));
      else out.push({ kind: 'unknown', sequence });
      return j + 1 - i;
    }
    if (next === ESC) {
      // ESC ESC: Alt+Esc on some terminals, or Esc pressed twice; either way the first is Esc.
      out.push(key('esc', ESC));
      return 1;
    }
    // Alt + a key: ESC then the key's own byte(s).
    const code = s.codePointAt(i + 1)!;
    const ch = String.fromCodePoint(code);
    const sequence = ESC + ch;
    if (isControl(code)) {
      const inner = control(ch);
      out.push(inner.kind === 'key' ? { ...inner, alt: true, sequence } : { kind: 'unknown', sequence });
    } else out.push(key(ch === ' ' ? 'space' : ch, sequence, { alt: true }));
    return 1 + ch.length;
  };

  const push = (chunk: string): ParsedEvent[] => {
    const out: ParsedEvent[] = [];
    // The flushed start already made its key (Esc, say); its rest becomes the key it is part of.
    const resumed = late && LATE_TAIL.test(late + chunk.slice(0, CSI_MAX)) ? late : '';
    late = '';
    const s = carry + resumed + chunk;
    work += carry.length + resumed.length;
    carry = '';
    let i = 0;
    while (i < s.length) {
      if (paste) {
        const at = inPaste(s, i, out);
        if (at === -1) return out;
        i = at;
        continue;
      }
      const code = s.charCodeAt(i);
      if (code === 0x1b) {
        const n = escape(s, i, out);
        if (n === 0) {
          carry = s.slice(i);
          work += carry.length;
          return out;
        }
        work += n;
        i += n;
      } else if (isControl(code)) {
        out.push(control(s[i]!));
        work++;
        i++;
      } else {
        // A run of printable characters: one event.
        let j = i + 1;
        while (j < s.length && !isControl(s.charCodeAt(j))) j++;
        out.push({ kind: 'text', text: s.slice(i, j) });
        work += j - i;
        i = j;
      }
    }
    return out;
  };

  return {
    push,
    work: () => work,
    pending: () => (paste ? 'paste' : carry ? 'esc' : undefined),
    settle: () => {
      late = '';
    },
    flush() {
      if (paste) {
        // A start marker typed by hand, or a terminal that never sent the end: without this every later key would be pasted text.
        keepPaste(paste.tail);
        const event: ParsedEvent = { kind: 'paste', text: paste.parts.join(''), truncated: paste.truncated };
        paste = undefined;
        return [event];
      }
      const waiting = carry;
      carry = '';
      late = waiting;
      if (!waiting) return [];
      // A lone ESC is Esc; ESC [ or ESC O with nothing after is Alt+[ / Alt+O; an unfinished CSI is garbage.
      if (waiting === ESC) return [key('esc', ESC)];
      if (waiting.length === 2) return [key(waiting[1]!, waiting, { alt: true })];
      return [{ kind: 'unknown', sequence: waiting }];
    },
  };
}
