import { fitWidth } from '../text/inert.js';

/**
 * A cell of a text table: made inert (no escape sequences from the data reach the terminal),
 * cut to its width by display columns so wide characters line up, padded, and one column kept
 * free before the next cell. (The CLI's columns have no gap: it uses fitWidth directly.)
 * A row is then one Text, not a box per cell: a frame lays out a few dozen nodes instead of
 * hundreds, which keeps keys fast.
 */
export function tableCell(text: string, width: number): string {
  if (width <= 1) return ' '.repeat(Math.max(0, width));
  return `${fitWidth(text, width - 1)} `;
}

/** Cells side by side, each at its width; the last one's padding is dropped. */
export function tableRow(values: string[], widths: number[]): string {
  return values.map((v, i) => tableCell(v, widths[i]!)).join('').trimEnd();
}
