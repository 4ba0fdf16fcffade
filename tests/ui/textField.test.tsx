import React from 'react';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';

// Styles on, so the inverse-video cursor is in the frame: chalk decides when it loads, hence the late imports.
process.env.FORCE_COLOR = '1';
const { render } = await import('ink-testing-library');
const { TextField, layoutField } = await import('../../src/ui/components/TextField.js');

const INVERSE = '\x1b[7m';
const INVERSE_OFF = '\x1b[27m';
const plain = (frame: string) => frame.replace(/\x1b\[[0-9;]*m/g, '');
/** The frame with the cursor cell in brackets: "he[a]t". */
const marked = (frame: string) => frame.replaceAll(INVERSE, '[').replaceAll(INVERSE_OFF, ']').replace(/\x1b\[[0-9;]*m/g, '');

function draw(value: string, cursor: number, width: number, focus = true, placeholder?: string) {
  const r = render(<TextField value={value} cursor={cursor} width={width} focus={focus} placeholder={placeholder} />);
  const frame = r.lastFrame() ?? '';
  r.unmount();
  return frame;
}

describe('the text field view', () => {
  it('draws the value with the cursor as an inverse cell, and a cell after the value when the cursor is at the end', () => {
    expect(marked(draw('heat', 2, 20))).toBe('he[a]t');
    expect(marked(draw('heat', 4, 20))).toBe('heat[ ]');
  });

  it('draws no cursor when the field does not have the focus', () => {
    const frame = draw('heat', 2, 20, false);
    expect(frame).not.toContain(INVERSE);
    expect(plain(frame).trimEnd()).toBe('heat');
  });

  it('shows the placeholder, dimmed, when empty; with the focus its first cell is the cursor', () => {
    expect(marked(draw('', 0, 20, true, 'search titles'))).toBe('[s]earch titles');
    expect(plain(draw('', 0, 20, false, 'search titles'))).toBe('search titles');
    expect(draw('', 0, 20, false, 'search titles')).toContain('\x1b[2m'); // dim
    expect(marked(draw('', 0, 20, true))).toBe('[ ]');
  });

  it('draws control characters as pictures, never sends them to the terminal', () => {
    const frame = draw('a\x1b[2Jb\x07', 1, 20);
    expect(marked(frame)).toBe('a[␛][2Jb␇');
    expect(frame.replace(/\x1b\[[0-9;]*m/g, '')).not.toContain('\x1b');
  });

  it('a 200-character search in a 40-column field stays on one line, ends at the cursor and marks the cut start with …', () => {
    const value = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ').padEnd(200, 'x');
    const frame = plain(draw(value, value.length, 40));
    expect(frame).not.toContain('\n');
    expect(stringWidth(frame)).toBe(40);
    expect(frame.startsWith('…')).toBe(true);
    expect(frame.endsWith(`${value.slice(-38)} `)).toBe(true);
  });

  it('with the cursor at the start of a long value it shows the beginning and marks the cut end with …', () => {
    const value = 'The Good, the Bad and the Ugly '.repeat(7);
    const frame = marked(draw(value, 0, 30));
    expect(frame).toBe(`[T]${value.slice(1, 29)}…`);
  });

  it('wide characters and emoji never push the line past its width, at any cursor position and width', () => {
    const value = '千と千尋の神隠し 👨‍👩‍👧 Amélie 🇫🇷 e\u0301 x';
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const stops = [...segmenter.segment(value)].map((s) => s.index).concat(value.length);
    for (let width = 2; width <= 40; width++) {
      let start = 0;
      for (const cursor of stops) {
        const view = layoutField(value, cursor, width, start);
        start = view.start;
        const line = view.left + view.before + view.at + view.after + view.right;
        expect(stringWidth(line), `width ${width}, cursor ${cursor}: ${JSON.stringify(line)}`).toBeLessThanOrEqual(width);
        // The cursor's character is always in view.
        expect(view.at, `width ${width}, cursor ${cursor}`).toBe(cursor === value.length ? ' ' : segmenter.segment(value).containing(cursor)!.segment);
      }
    }
  });

  it('moving the cursor back inside the view does not scroll it; moving past its left edge scrolls just enough', () => {
    const value = 'abcdefghijklmnopqrstuvwxyz';
    let view = layoutField(value, value.length, 10);
    expect(view.left + view.before + view.at + view.after + view.right).toBe('…stuvwxyz ');
    const first = view.start;
    view = layoutField(value, value.length - 3, 10, first);
    expect(view.start).toBe(first);
    expect(view.left + view.before + `[${view.at}]` + view.after + view.right).toBe('…stuvw[x]yz');
    view = layoutField(value, first - 1, 10, first);
    expect(view.left + view.before + `[${view.at}]` + view.after + view.right).toBe('…[r]stuvwxy…');
  });

  it('after text is deleted at the end the view slides back to fill the field', () => {
    const value = 'abcdefghijklmnopqrstuvwxyz';
    const end = layoutField(value, value.length, 10);
    const view = layoutField('abcdefgh', 8, 10, end.start);
    expect(view.left + view.before + view.at + view.right).toBe('abcdefgh ');
  });

  it('lays out a value of a megabyte as fast as a short one (only the part around the cursor is measured)', () => {
    const value = '字a😀 '.repeat(200_000);
    layoutField('warm up', 3, 80);
    const t0 = performance.now();
    for (const cursor of [0, 500_000, value.length]) {
      const view = layoutField(value, cursor, 80);
      expect(stringWidth(view.left + view.before + view.at + view.after + view.right)).toBeLessThanOrEqual(80);
    }
    expect(performance.now() - t0).toBeLessThan(2_000); // linear: a quadratic layout of a megabyte takes minutes
    const frame = plain(draw(value, 500_000, 60));
    expect(stringWidth(frame)).toBeLessThanOrEqual(60);
  });
});
