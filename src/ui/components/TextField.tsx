import { Text } from 'ink';
import React, { useState } from 'react';
import stringWidth from 'string-width';
import { boundaryAtOrBefore, graphemesOf } from '../input/graphemes.js';
import { fitWidth, inert } from '../../text/inert.js';

export interface TextFieldProps {
  value: string;
  /** Where the cursor is, as lineEdit keeps it: a UTF-16 index on a grapheme boundary. */
  cursor: number;
  /** Columns the field may use: it never draws more, so it never wraps. */
  width: number;
  focus: boolean;
  placeholder?: string;
}

/**
 * A one-line text field, drawn: the value inert (an ESC shows as ␛), measured in display columns
 * (a CJK character or an emoji takes two), the cursor an inverse-video cell when focused. A value
 * wider than the field scrolls sideways to keep the cursor in view, with "…" at a cut edge, so a
 * long search never wraps over the list. Keys are not its business (see input/lineEdit.ts).
 */
export function TextField({ value, cursor, width, focus, placeholder }: TextFieldProps) {
  // Where the previous frame started: the view moves only as far as it must to show the cursor.
  const [start, setStart] = useState(0);
  if (width <= 0) return null;
  if (value === '') {
    const hint = placeholder ? fitWidth(placeholder, width).trimEnd() : '';
    if (!focus) return <Text dimColor>{hint}</Text>;
    const [first = ' ', ...rest] = [...hint];
    return (
      <Text>
        <Text inverse>{first}</Text>
        <Text dimColor>{rest.join('')}</Text>
      </Text>
    );
  }
  const view = layoutField(value, cursor, width, start);
  // Settles at once: laid out again from its own start, the view starts there.
  if (view.start !== start) setStart(view.start);
  return (
    <Text wrap="truncate-end">
      {view.left}
      {view.before}
      {focus ? <Text inverse>{view.at}</Text> : view.at}
      {view.after}
      {view.right}
    </Text>
  );
}

export interface FieldView {
  /** "…" when text is hidden before the first shown character, else "". */
  left: string;
  before: string;
  /** The character under the cursor, or a space at the end of the value. */
  at: string;
  after: string;
  right: string;
  /** Index in the value of the first shown character (the next frame starts from here). */
  start: number;
}

interface Cell {
  index: number;
  text: string;
  width: number;
}

/**
 * What a field `width` columns wide shows of `value` with the cursor at `cursor`, starting from
 * `previousStart` if the cursor is still in view from there. Only a window of the value around the
 * cursor is measured, so a value of a megabyte costs no more than a short one (see
 * input/graphemes.ts; string-width segments its whole input too).
 */
export function layoutField(value: string, cursor: number, width: number, previousStart = 0): FieldView {
  const reach = 2 * width + 16; // code units either side of the cursor: `width` columns of any text but a pile of accents
  const from = boundaryAtOrBefore(value, Math.max(0, cursor - reach));
  const to = boundaryAtOrBefore(value, Math.min(value.length, cursor + reach));
  const cells: Cell[] = [];
  for (const { index, segment } of graphemesOf(value.slice(from, to))) {
    const text = inert(segment);
    cells.push({ index: from + index, text, width: stringWidth(text) });
  }
  if (to === value.length) cells.push({ index: value.length, text: ' ', width: 1 }); // where typing goes on
  let k = cells.findIndex((c) => c.index >= cursor);
  if (k < 0) k = cells.length - 1;

  // Columns of cells[a..b) from prefix sums: the scroll search below asks often.
  const sums = [0];
  for (const c of cells) sums.push(sums.at(-1)! + c.width);
  const cols = (a: number, b: number) => sums[b]! - sums[a]!;
  const leftCol = (s: number) => (cells[s]!.index > 0 ? 1 : 0);
  const allFrom = (s: number) => to === value.length && leftCol(s) + cols(s, cells.length) <= width;
  // The cursor's cell is in view from s, with room for "…" on either side where text is cut.
  const fits = (s: number) => leftCol(s) + cols(s, k + 1) + (allFrom(s) ? 0 : 1) <= width;

  let s = cells.findIndex((c) => c.index >= previousStart);
  if (s < 0 || s > k) s = k;
  while (s < k && !fits(s)) s++;
  // Text removed at the end (Ctrl+K, Backspace): slide back so the field stays filled.
  while (s > 0 && allFrom(s - 1)) s--;

  let left = leftCol(s) ? '…' : '';
  let right = allFrom(s) ? '' : '…';
  // Too narrow for a wide character between two "…": the character under the cursor wins.
  if (left.length + right.length + cells[k]!.width > width) right = '';
  if (left.length + cells[k]!.width > width) left = '';
  let budget = width - left.length - right.length;
  const shown: Cell[] = [];
  for (let i = s; i < cells.length && (cells[i]!.width <= budget || i === k); i++) {
    shown.push(cells[i]!);
    budget -= cells[i]!.width;
  }
  const at = shown.findIndex((c) => c.index >= cursor);
  // The cell after the value is only drawn as the cursor.
  if (shown.at(-1)?.index === value.length && at !== shown.length - 1) shown.pop();
  const join = (cs: Cell[]) => cs.map((c) => c.text).join('');
  return {
    left,
    before: join(at < 0 ? shown : shown.slice(0, at)),
    at: at < 0 ? '' : shown[at]!.text,
    after: at < 0 ? '' : join(shown.slice(at + 1)),
    right,
    start: cells[s]!.index,
  };
}
