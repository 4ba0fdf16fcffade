import { describe, expect, it } from 'vitest';
import { createParser, type ParsedEvent } from '../../src/ui/input/parse.js';
import { keyName } from '../../src/ui/keys.js';

/** Everything the parser makes of `chunks`, read one after another, then flushed. */
function parse(...chunks: string[]): ParsedEvent[] {
  const parser = createParser();
  return [...chunks.flatMap((c) => parser.push(c)), ...parser.flush()];
}

/** The table's names (text as 'text:…', pastes as 'paste:…', unknown as 'unknown'). */
function names(...chunks: string[]): string[] {
  return parse(...chunks).map((e) => (e.kind === 'key' ? keyName(e) : e.kind === 'text' ? `text:${e.text}` : e.kind === 'paste' ? `paste:${e.text}` : 'unknown'));
}

const MODS: Record<number, string> = { 2: 'shift+', 3: 'alt+', 4: 'alt+shift+', 5: 'ctrl+', 6: 'ctrl+shift+', 7: 'ctrl+alt+', 8: 'ctrl+alt+shift+' };
// xterm's function keys: F1–F4 as SS3 (unmodified) or CSI 1;m P–S, F5–F12 as CSI n ~.
const F_TILDE: Record<string, number> = { f5: 15, f6: 17, f7: 18, f8: 19, f9: 20, f10: 21, f11: 23, f12: 24 };

describe('the key parser', () => {
  it('names F1–F12 plain and with every xterm modifier (2–8)', () => {
    const fourFinal = { f1: 'P', f2: 'Q', f3: 'R', f4: 'S' };
    for (const [f, final] of Object.entries(fourFinal)) {
      expect(names(`\x1bO${final}`)).toEqual([f]);
      expect(names(`\x1b[${final}`)).toEqual([f]);
      for (let m = 2; m <= 8; m++) expect(names(`\x1b[1;${m}${final}`), `${f} mod ${m}`).toEqual([`${MODS[m]}${f}`]);
    }
    for (const [f, n] of Object.entries(F_TILDE)) {
      expect(names(`\x1b[${n}~`)).toEqual([f]);
      for (let m = 2; m <= 8; m++) expect(names(`\x1b[${n};${m}~`), `${f} mod ${m}`).toEqual([`${MODS[m]}${f}`]);
    }
    // Ctrl+F1, which crashed Ink's useInput.
    expect(parse('\x1b[1;5P')).toEqual([{ kind: 'key', name: 'f1', ctrl: true, alt: false, shift: false, sequence: '\x1b[1;5P' }]);
  });

  it('names cursor keys, Home/End, Insert/Delete and PgUp/PgDn, plain and with every modifier', () => {
    const letters = { up: 'A', down: 'B', right: 'C', left: 'D', home: 'H', end: 'F' };
    for (const [name, final] of Object.entries(letters)) {
      expect(names(`\x1b[${final}`)).toEqual([name]);
      expect(names(`\x1bO${final}`)).toEqual([name]); // application cursor keys
      for (let m = 2; m <= 8; m++) expect(names(`\x1b[1;${m}${final}`)).toEqual([`${MODS[m]}${name}`]);
    }
    const tilde = { home: 1, insert: 2, delete: 3, end: 4, pgup: 5, pgdn: 6 };
    for (const [name, n] of Object.entries(tilde)) {
      expect(names(`\x1b[${n}~`)).toEqual([name]);
      for (let m = 2; m <= 8; m++) expect(names(`\x1b[${n};${m}~`)).toEqual([`${MODS[m]}${name}`]);
    }
    expect(names('\x1b[7~', '\x1b[8~')).toEqual(['home', 'end']); // rxvt
    expect(names('\x1b[Z')).toEqual(['shift+tab']);
    expect(names('\x1b[[A', '\x1b[[E')).toEqual(['f1', 'f5']); // Linux console
  });

  it('names the keypad in application mode (SS3)', () => {
    expect(names('\x1bOM')).toEqual(['enter']);
    const digits = 'pqrstuvwxy';
    for (let d = 0; d < 10; d++) expect(names(`\x1bO${digits[d]}`)).toEqual([String(d)]);
    expect(names('\x1bOj', '\x1bOk', '\x1bOm', '\x1bOn', '\x1bOo')).toEqual(['*', '+', '-', '.', '/']);
    expect(names('\x1bO5P')).toEqual(['ctrl+f1']); // modifiers inside SS3 (some terminals)
  });

  it('names CSI-u and modifyOtherKeys keys', () => {
    expect(names('\x1b[13;5u')).toEqual(['ctrl+enter']);
    expect(names('\x1b[27;5;13~')).toEqual(['ctrl+enter']);
    expect(names('\x1b[97;5u')).toEqual(['ctrl+a']);
    expect(names('\x1b[27;3;120~')).toEqual(['alt+x']);
    expect(names('\x1b[9;2u')).toEqual(['shift+tab']);
    expect(names('\x1b[127u', '\x1b[27u', '\x1b[32;5u')).toEqual(['backspace', 'esc', 'ctrl+space']);
    expect(names('\x1b[1;5u')).toEqual(['unknown']); // a control code point is no key
  });

  it('names control bytes: Ctrl+letters, Enter (CR and LF), Tab, Backspace (DEL and ^H)', () => {
    expect(names('\x01', '\x05', '\x15', '\x0b', '\x17', '\x13', '\x1a')).toEqual(['ctrl+a', 'ctrl+e', 'ctrl+u', 'ctrl+k', 'ctrl+w', 'ctrl+s', 'ctrl+z']);
    expect(names('\r', '\n', '\t', '\x7f', '\x08')).toEqual(['enter', 'enter', 'tab', 'backspace', 'backspace']);
    expect(names('\x00', '\x1c', '\x1f')).toEqual(['ctrl+space', 'ctrl+\\', 'ctrl+_']);
  });

  it('names Alt+key sent as ESC and the key', () => {
    expect(names('\x1bb', '\x1bf', '\x1bB', '\x1b ')).toEqual(['alt+b', 'alt+f', 'alt+B', 'alt+space']);
    expect(names('\x1b\x7f', '\x1b\r')).toEqual(['alt+backspace', 'alt+enter']);
    expect(names('\x1b🎬')).toEqual(['alt+🎬']);
  });

  it('keeps runs of printable characters together as one text event, split at control bytes', () => {
    expect(names('Heat\t1995\rMichael Mann')).toEqual(['text:Heat', 'tab', 'text:1995', 'enter', 'text:Michael Mann']);
    expect(names('jj\x1b[Bk')).toEqual(['text:jj', 'down', 'text:k']);
    expect(names('日本語 🎬')).toEqual(['text:日本語 🎬']);
  });

  it('waits for the rest of a sequence cut between reads, at every byte', () => {
    for (const seq of ['\x1b[1;5P', '\x1b[15;8~', '\x1bOP', '\x1b[27;5;13~', '\x1b[<0;12;4M', '\x1b[M !!']) {
      const want = names(seq);
      for (let cut = 1; cut < seq.length; cut++) expect(names(seq.slice(0, cut), seq.slice(cut)), `${JSON.stringify(seq)} cut at ${cut}`).toEqual(want);
    }
  });

  it('a lone ESC is Esc once nothing follows; ESC ESC is Esc then what follows', () => {
    const parser = createParser();
    expect(parser.push('\x1b')).toEqual([]);
    expect(parser.pending()).toBe('esc');
    expect(parser.flush()).toEqual([{ kind: 'key', name: 'esc', ctrl: false, alt: false, shift: false, sequence: '\x1b' }]);
    expect(parser.pending()).toBeUndefined();
    expect(names('\x1b\x1b[A')).toEqual(['esc', 'up']);
    expect(names('\x1b\x1b')).toEqual(['esc', 'esc']);
    expect(names('\x1b[')).toEqual(['alt+[']); // nothing came after: Alt+[
  });

  it('reads the late rest of a sequence (cut between reads further apart than the Esc wait) as its key, never as text', () => {
    const late = (start: string, rest: string) => {
      const parser = createParser();
      const out = [...parser.push(start), ...parser.flush(), ...parser.push(rest), ...parser.flush()];
      return out.map((e) => (e.kind === 'key' ? keyName(e) : e.kind === 'text' ? `text:${e.text}` : e.kind));
    };
    // The start already made its key when the wait ran out (Esc, Alt+[, a broken CSI): the rest is the key it belongs to.
    expect(late('\x1b', '[A')).toEqual(['esc', 'up']);
    expect(late('\x1b', '[1;5Cx')).toEqual(['esc', 'ctrl+right', 'text:x']);
    expect(late('\x1b[', '1;5P')).toEqual(['alt+[', 'ctrl+f1']);
    expect(late('\x1b[1;', '5P')).toEqual(['unknown', 'ctrl+f1']);
    expect(late('\x1b', '[31m')).toEqual(['esc', 'unknown']);
    expect(late('\x1b', 'OP')).toEqual(['esc', 'f1']);
    expect(late('\x1b', '[<0;12;4M')).toEqual(['esc']); // a mouse report, dropped
    // Esc then typing stays Esc then text: a letter, `[` alone, `[` and a lower-case letter, `[1]`, `Oh`.
    expect(late('\x1b', 'a')).toEqual(['esc', 'text:a']);
    expect(late('\x1b', '[')).toEqual(['esc', 'text:[']);
    expect(late('\x1b', '[x')).toEqual(['esc', 'text:[x']);
    expect(late('\x1b', '[1] ok')).toEqual(['esc', 'text:[1] ok']);
    expect(late('\x1b', 'Oh')).toEqual(['esc', 'text:Oh']);
    // Only the very next read, and only until settle() says input paused.
    const parser = createParser();
    parser.push('\x1b');
    parser.flush();
    parser.settle();
    expect(parser.push('[A')).toEqual([{ kind: 'text', text: '[A' }]);
    parser.push('\x1b');
    parser.flush();
    parser.push('q');
    expect(parser.push('[A')).toEqual([{ kind: 'text', text: '[A' }]);
  });

  it('drops focus reports and mouse reports (X10 and SGR)', () => {
    expect(names('\x1b[I', 'a', '\x1b[O')).toEqual(['text:a']);
    expect(names('\x1b[M #$', 'b')).toEqual(['text:b']);
    expect(names('\x1b[<0;12;4M\x1b[<0;12;4m', 'c')).toEqual(['text:c']);
  });

  it('reports what it cannot name as unknown, consumed whole, never as text', () => {
    for (const seq of ['\x1b[0m', '\x1b[31m', '\x1b[5n', '\x1b[12;40R', '\x1b[?1;2c', '\x1b[99~', '\x1b[1;2;3A', '\x1bOz']) {
      expect(parse(seq), JSON.stringify(seq)).toEqual([{ kind: 'unknown', sequence: seq }]);
    }
    // A broken CSI: what came is dropped, the byte that broke it starts what follows.
    expect(names('\x1b[1;\rx')).toEqual(['unknown', 'enter', 'text:x']);
    // C1 controls are never text.
    expect(names('a\u009bb')).toEqual(['text:a', 'unknown', 'text:b']);
    // An endless CSI is cut at its limit, not waited for.
    expect(names(`\x1b[${'1;'.repeat(100)}`).every((n) => n === 'unknown' || n.startsWith('text:'))).toBe(true);
  });

  it('takes a bracketed paste whole, control bytes and escapes included, even cut at every byte', () => {
    const paste = '\x1b[200~ab\tc\r\x1b[31md\x1b[201~';
    expect(parse(paste + 'x')).toEqual([{ kind: 'paste', text: 'ab\tc\r\x1b[31md', truncated: false }, { kind: 'text', text: 'x' }]);
    for (let cut = 1; cut < paste.length; cut++) {
      expect(parse(paste.slice(0, cut), paste.slice(cut)), `cut at ${cut}`).toEqual([{ kind: 'paste', text: 'ab\tc\r\x1b[31md', truncated: false }]);
    }
    // One byte per read.
    expect(parse(...paste)).toEqual([{ kind: 'paste', text: 'ab\tc\r\x1b[31md', truncated: false }]);
    expect(names('\x1b[201~q')).toEqual(['text:q']); // an end without a start
  });

  it('keeps at most the paste limit and marks the paste truncated', () => {
    const parser = createParser(10);
    const out = [...parser.push('\x1b[200~0123456'), ...parser.push('789abcdef\x1b[201~')];
    expect(out).toEqual([{ kind: 'paste', text: '0123456789', truncated: true }]);
  });

  it('ends a paste that never sends its end marker when flushed', () => {
    const parser = createParser();
    expect(parser.push('\x1b[200~typed by hand')).toEqual([]);
    expect(parser.pending()).toBe('paste');
    expect(parser.flush()).toEqual([{ kind: 'paste', text: 'typed by hand', truncated: false }]);
    expect(parser.push('q')).toEqual([{ kind: 'text', text: 'q' }]);
  });
});
