import { describe, expect, it } from 'vitest';
import { edit, lineState, type EditOptions, type LineState } from '../../src/ui/input/lineEdit.js';
import type { KeyEvent } from '../../src/ui/input/types.js';

/** A key as the keypress layer hands it on: `key('a', 'ctrl')` is Ctrl+A, `key('left', 'alt')` Alt+←. */
const key = (name: string, ...mods: Array<'ctrl' | 'alt' | 'shift'>): KeyEvent => ({
  kind: 'key',
  name,
  ctrl: mods.includes('ctrl'),
  alt: mods.includes('alt'),
  shift: mods.includes('shift'),
  sequence: '',
});
const text = (t: string): KeyEvent => ({ kind: 'text', text: t });
const paste = (t: string, truncated = false): KeyEvent => ({ kind: 'paste', text: t, truncated });

/** "he|at": the value with a bar where the cursor is. */
const show = ({ value, cursor }: LineState) => `${value.slice(0, cursor)}|${value.slice(cursor)}`;
/** The field after each key in turn; a refused or foreign key leaves it as it was. */
function press(start: LineState | string, keys: Array<KeyEvent | string>, opts: EditOptions = {}): LineState {
  let state = typeof start === 'string' ? at(start) : start;
  for (const k of keys) {
    const r = edit(state, typeof k === 'string' ? text(k) : k, opts);
    if (r && 'state' in r) state = r.state;
  }
  return state;
}
/** A state from "he|at". */
function at(marked: string): LineState {
  const i = marked.indexOf('|');
  return i < 0 ? lineState(marked) : { value: marked.slice(0, i) + marked.slice(i + 1), cursor: i };
}
const typed = (s: string) => [...s].map((ch) => key(ch));

describe('typing', () => {
  it('typing inserts at the cursor, and the cursor follows the text', () => {
    expect(show(press('', typed('heat')))).toBe('heat|');
    expect(show(press('h|t', typed('ea')))).toBe('hea|t');
    expect(show(press('|', ['ab', 'cd']))).toBe('abcd|');
    expect(show(press('a|', [key('space'), key('B', 'shift')]))).toBe('a B|');
  });

  it('heat, Ctrl+U, x, y gives "xy" with the cursor after the y (ink-text-input gave "heatyx")', () => {
    const s = press('', [...typed('heat'), key('u', 'ctrl'), key('x'), key('y')]);
    expect(show(s)).toBe('xy|');
    expect(show(press(s, [key('backspace')]))).toBe('x|');
  });

  it('heat, Ctrl+A, x, y gives "xyheat" with the cursor after the y', () => {
    expect(show(press('', [...typed('heat'), key('a', 'ctrl'), key('x'), key('y')]))).toBe('xy|heat');
  });

  it('keys that are not for a field (↑, Enter, Tab, Esc, F1, Ctrl+S, PgDn) are left to others', () => {
    for (const k of [key('up'), key('down'), key('enter'), key('tab'), key('esc'), key('f1'), key('s', 'ctrl'), key('pgdn'), key('insert'), key('x', 'ctrl', 'alt'), key('q', 'alt')]) {
      expect(edit(at('he|at'), k)).toBeUndefined();
    }
  });

  it('a key for the field that changes nothing (← at the start) is still taken', () => {
    expect(edit(at('|heat'), key('left'))).toEqual({ state: at('|heat') });
    expect(edit(at('heat|'), key('delete'))).toEqual({ state: at('heat|') });
    expect(edit(at(''), key('d', 'ctrl'))).toEqual({ state: at('') });
  });
});

describe('moving', () => {
  it.each([
    [key('left'), 'h|eat'],
    [key('b', 'ctrl'), 'h|eat'],
    [key('right'), 'hea|t'],
    [key('f', 'ctrl'), 'hea|t'],
    [key('home'), '|heat'],
    [key('a', 'ctrl'), '|heat'],
    [key('end'), 'heat|'],
    [key('e', 'ctrl'), 'heat|'],
  ])('%o moves the cursor in "he|at" to %s', (k, expected) => {
    expect(show(press('he|at', [k]))).toBe(expected);
  });

  it('← at the start and → at the end stay put', () => {
    expect(show(press('|ab', [key('left'), key('b', 'ctrl')]))).toBe('|ab');
    expect(show(press('ab|', [key('right'), key('f', 'ctrl')]))).toBe('ab|');
  });

  it('Alt+B and Ctrl+← go back to the start of a word, Alt+F and Ctrl+→ forward to its end, as readline does', () => {
    const line = 'the good, the bad|';
    expect(show(press(line, [key('b', 'alt')]))).toBe('the good, the |bad');
    expect(show(press(line, [key('b', 'alt'), key('b', 'alt')]))).toBe('the good, |the bad');
    expect(show(press(line, [key('left', 'ctrl'), key('left', 'ctrl'), key('left', 'ctrl')]))).toBe('the |good, the bad');
    expect(show(press(line, [key('left', 'alt'), key('left', 'alt'), key('left', 'alt'), key('left', 'alt'), key('left', 'alt')]))).toBe('|the good, the bad');
    expect(show(press('|the good, the bad', [key('f', 'alt')]))).toBe('the| good, the bad');
    expect(show(press('the| good, the bad', [key('f', 'alt')]))).toBe('the good|, the bad');
    expect(show(press('the good|, the bad', [key('right', 'ctrl'), key('right', 'alt')]))).toBe('the good, the bad|');
  });

  it('words are letters and digits of any script', () => {
    expect(show(press('Amélie 2001 Пётр|', [key('b', 'alt'), key('b', 'alt')]))).toBe('Amélie |2001 Пётр');
    expect(show(press('|Amélie 2001', [key('f', 'alt')]))).toBe('Amélie| 2001');
  });
});

describe('deleting', () => {
  it('Backspace (DEL, 0x7f) and Ctrl+H delete the character before the cursor', () => {
    expect(show(press('he|at', [key('backspace')]))).toBe('h|at');
    expect(show(press('he|at', [key('h', 'ctrl')]))).toBe('h|at');
    expect(show(press('|heat', [key('backspace')]))).toBe('|heat');
  });

  it('Delete and Ctrl+D delete the character under the cursor, forward (the Delete key used to delete backwards)', () => {
    expect(show(press('he|at', [key('delete')]))).toBe('he|t');
    expect(show(press('he|at', [key('d', 'ctrl')]))).toBe('he|t');
    expect(show(press('heat|', [key('delete')]))).toBe('heat|');
  });

  it('Ctrl+U deletes to the start, Ctrl+K to the end', () => {
    expect(show(press('he|at', [key('u', 'ctrl')]))).toBe('|at');
    expect(show(press('he|at', [key('k', 'ctrl')]))).toBe('he|');
  });

  it('Ctrl+W deletes the whitespace-delimited word before the cursor, with the spaces after it', () => {
    expect(show(press('the good, the bad|', [key('w', 'ctrl')]))).toBe('the good, the |');
    expect(show(press('the good, |the bad', [key('w', 'ctrl')]))).toBe('the |the bad');
    expect(show(press('one two  |', [key('w', 'ctrl')]))).toBe('one |');
    expect(show(press('|one', [key('w', 'ctrl')]))).toBe('|one');
  });

  it('Alt+Backspace deletes the word (letters and digits) before the cursor; Alt+D the word after it', () => {
    expect(show(press('the good, the bad|', [key('backspace', 'alt')]))).toBe('the good, the |');
    expect(show(press('the good, |the bad', [key('backspace', 'alt')]))).toBe('the |the bad');
    expect(show(press('the good|, the bad', [key('d', 'alt')]))).toBe('the good| bad');
  });
});

describe('characters that are more than one code unit', () => {
  const family = '👨‍👩‍👧'; // three emoji joined by U+200D: one grapheme, 8 code units
  const flag = '🇫🇷';
  const accent = 'e\u0301'; // e + combining acute

  it('← → Backspace and Delete treat an emoji, a flag or a letter with its accent as one character', () => {
    const value = `a${family}${flag}${accent}b`;
    let s = lineState(value);
    const stops: number[] = [s.cursor];
    for (let i = 0; i < 6; i++) stops.push((s = press(s, [key('left')])).cursor);
    expect(stops).toEqual([value.length, value.length - 1, value.length - 3, value.length - 7, 1, 0, 0]);
    expect(press(lineState(value), [key('backspace'), key('backspace')]).value).toBe(`a${family}${flag}`);
    expect(press({ value, cursor: 1 }, [key('delete')]).value).toBe(`a${flag}${accent}b`);
  });

  it('the cursor never lands inside a surrogate pair or a joined emoji', () => {
    const value = `x${family}y`;
    for (const k of [key('left'), key('right'), key('b', 'alt'), key('f', 'alt'), key('backspace'), key('delete')]) {
      for (const cursor of [0, 1, 1 + family.length, value.length]) {
        const s = press({ value, cursor }, [k]);
        expect([0, 1, 1 + family.length, value.length].filter((c) => c <= s.value.length)).toContain(s.cursor);
      }
    }
  });

  it('a combining mark typed before a letter\'s accent leaves the cursor after the whole character', () => {
    // "x|\u0301": typing "e" glues the accent to it; the cursor cannot sit between them.
    expect(press({ value: 'x\u0301', cursor: 1 }, ['e'])).toEqual({ value: `x${accent}`, cursor: 3 });
  });

  it('the limit counts characters as PostgreSQL does (code points), not UTF-16 units', () => {
    expect(press('', ['😀😀😀'], { max: 3 }).value).toBe('😀😀😀');
    expect(edit(lineState('😀😀😀'), text('a'), { max: 3 })).toEqual({ refused: 'at most 3 characters' });
  });
});

describe('pasting and limits', () => {
  it('a paste goes in whole at the cursor, without one trailing line break', () => {
    expect(show(press('he|at', [paste('XY\n')]))).toBe('heXY|at');
    expect(show(press('|', [paste('Heat\r\n')]))).toBe('Heat|');
    expect(show(press('|', [paste('Heat\r')]))).toBe('Heat|');
  });

  it('a paste with a control character in it is refused whole, naming the character', () => {
    expect(edit(at('|'), paste('a\tb'))).toEqual({ refused: 'must not contain control characters (found U+0009 tab)' });
    expect(edit(at('|'), paste('a\n\n'))).toEqual({ refused: 'must not contain control characters (found U+000A line feed)' });
    expect(edit(at('|'), paste('one\ntwo'))).toEqual({ refused: 'must not contain control characters (found U+000A line feed)' });
    expect(edit(at('|'), paste('\x1b[31mred'))).toEqual({ refused: expect.stringContaining('found U+001B ESC') });
    expect(edit(at('|'), paste('a\u202eb'))).toEqual({ refused: expect.stringContaining('bidirectional') });
    expect(edit(at('|'), paste('a\u2028b'))).toEqual({ refused: 'must not contain line or paragraph separators (found U+2028)' });
    expect(edit(at('|'), paste('a\ud800b'))).toEqual({ refused: expect.stringContaining('surrogates') });
  });

  it('an insert that would go past the limit is refused whole with "at most N characters"; one that reaches it is taken', () => {
    expect(edit(at('abc|'), paste('de'), { max: 4 })).toEqual({ refused: 'at most 4 characters' });
    expect(edit(at('abcd|'), key('e'), { max: 4 })).toEqual({ refused: 'at most 4 characters' });
    expect(show(press('ab|', [paste('cd')], { max: 4 }))).toBe('abcd|');
    // Deleting is always allowed, even from a value already longer than the limit.
    expect(show(press('abcdef|', [key('backspace')], { max: 4 }))).toBe('abcde|');
  });

  it('a paste the keypress layer had to cut short is refused, never inserted in part', () => {
    expect(edit(at('|'), paste('abc', true), { max: 80 })).toEqual({ refused: 'at most 80 characters' });
    expect(edit(at('|'), paste('abc', true))).toEqual({ refused: 'too long to paste' });
  });

  it('a 1 MB paste is refused without walking it (time linear at worst), with or without a control character in it', () => {
    for (const big of ['x'.repeat(1 << 20), `${'é'.repeat(1 << 19)}\x1b`, '😀'.repeat(1 << 18)]) {
      const t0 = performance.now();
      const r = edit(lineState('heat'), paste(big), { max: 200 });
      expect(performance.now() - t0).toBeLessThan(2_000); // linear: quadratic work on a megabyte takes minutes
      expect(r).toEqual({ refused: 'at most 200 characters' });
    }
  });

  it('a 1 MB paste into a field with no limit is taken, and the next keys stay fast', () => {
    const big = 'ab '.repeat(350_000);
    let t0 = performance.now();
    let s = press('|', [paste(big)]);
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(s.cursor).toBe(big.length);
    t0 = performance.now();
    s = press(s, [key('left'), key('b', 'alt'), key('backspace'), key('w', 'ctrl'), key('a', 'ctrl'), key('delete')]);
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(s.cursor).toBe(0);
  });
});

describe('any sequence of keys (fuzz)', () => {
  // A small deterministic generator, so a failure can be replayed from its seed.
  function rng(seed: number) {
    return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  }
  const pieces = ['a', 'Z', ' ', 'é', 'e\u0301', '😀', '👨‍👩‍👧', '🇫🇷', '字', ',', '\t', '\x1b', '\n', '\u202e', '\ud800', '-'];
  const names = ['left', 'right', 'home', 'end', 'backspace', 'delete', 'up', 'enter', 'tab', 'esc', 'f5', 'a', 'x', 'space'];

  it('keeps the cursor within the value and on a grapheme boundary, never stores a control character, never passes the limit', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const unsafe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\p{Cs}/u;
    for (let seed = 1; seed <= 200; seed++) {
      const random = rng(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
      const max = 1 + Math.floor(random() * 20);
      let state = lineState();
      for (let step = 0; step < 200; step++) {
        const r = random();
        const k: KeyEvent =
          r < 0.3
            ? text(pick(pieces))
            : r < 0.4
              ? paste(Array.from({ length: Math.floor(random() * 6) }, () => pick(pieces)).join(''), random() < 0.1)
              : key(pick(names), ...(random() < 0.25 ? (['ctrl'] as const) : []), ...(random() < 0.25 ? (['alt'] as const) : []));
        const result = edit(state, k, { max });
        if (result && 'state' in result) state = result.state;
        const boundaries = new Set([...segmenter.segment(state.value)].map((s) => s.index).concat(state.value.length));
        const sound = state.cursor >= 0 && state.cursor <= state.value.length && boundaries.has(state.cursor) && !unsafe.test(state.value) && [...state.value].length <= max;
        // Described only when broken: building the message every step would cost more than the edits.
        if (!sound) expect.fail(`seed ${seed}, step ${step}, max ${max}: ${JSON.stringify(k)} gave ${JSON.stringify(state)}`);
      }
    }
  });
});
