import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fitWidth, inert } from '../../src/text/inert.js';

const ESC = '\x1b';

describe('inert text', () => {
  it('shows C0 controls and DEL as their Control Pictures, so an escape sequence is drawn, not obeyed', () => {
    expect(inert(`${ESC}[2J${ESC}[31mRED`)).toBe('␛[2J␛[31mRED');
    expect(inert('a\tb\nc\rd\0e\x7f')).toBe('a␉b␊c␍d␀e␡');
  });

  it('shows C1 controls, line separators and bidi controls as <U+XXXX>', () => {
    expect(inert('\u009b31m')).toBe('<U+009B>31m');
    expect(inert('\u202Eevil')).toBe('<U+202E>evil');
    expect(inert('a\u2066b\u2069\u2028')).toBe('a<U+2066>b<U+2069><U+2028>');
  });

  it('replaces a lone UTF-16 surrogate with U+FFFD and keeps a pair', () => {
    expect(inert('x\ud800y\udc00')).toBe('x\ufffdy\ufffd');
    expect(inert('🎬')).toBe('🎬');
  });

  it('keeps emoji, wide, combining, zero-width and right-to-left text as it is', () => {
    for (const text of ['千と千尋の神隠し', 'e\u0301te\u0301', '👨\u200d👩\u200d👧', 'שלום עולם', 'ما هو', "O'Brien \"x\" ; -- \\ %", '\u200f\u200e']) {
      expect(inert(text)).toBe(text);
    }
  });

  it('never leaves a character a terminal acts on', () => {
    let all = '';
    for (let c = 0; c < 0x3000; c++) all += String.fromCharCode(c);
    expect(inert(all)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  });
});

describe('fitting text to a width', () => {
  it('fills exactly the width in display columns, whatever the text', () => {
    const texts = [`${ESC}[2J${ESC}[31mRED`, '\u202Eevil', '千と千尋の神隠し', '👨\u200d👩\u200d👧 family', 'e\u0301'.repeat(30), 'ok', ''];
    for (const text of texts) {
      for (const width of [1, 2, 3, 5, 8, 13, 40]) {
        const out = fitWidth(text, width);
        expect(stringWidth(out), `${JSON.stringify(text)} at ${width}`).toBe(width);
        expect(out).not.toContain(ESC);
      }
    }
  });

  it('cuts between graphemes with "…", never inside a joined emoji', () => {
    expect(fitWidth('👨\u200d👩\u200d👧 and more', 3)).toBe('👨\u200d👩\u200d👧…');
    expect(fitWidth('👨\u200d👩\u200d👧 and more', 2)).toBe('… ');
    expect(fitWidth('Heat', 6)).toBe('Heat  ');
    expect(fitWidth('The Dark Knight', 9)).toBe('The Dark…');
  });
});
