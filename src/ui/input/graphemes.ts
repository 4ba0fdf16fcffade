/**
 * Graphemes (what a terminal draws as one character: an emoji joined with U+200D, a flag, a
 * letter and its accent) found by looking only near a position. V8's Intl.Segmenter copies its
 * whole input for every segment it hands out, so iterating a long string costs quadratic time,
 * and even one `containing()` costs a copy of it: a text field with a megabyte in it would freeze
 * on every key. Segmenting a small window around the position costs the same for any length.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export interface Span {
  start: number;
  end: number;
}

/** The grapheme that contains the UTF-16 index i (0 ≤ i < value.length), as [start, end). */
export function graphemeAt(value: string, i: number): Span {
  for (let reach = 32; ; reach *= 4) {
    const lo = Math.max(0, i - reach);
    const hi = Math.min(value.length, i + reach + 1);
    const seg = segmenter.segment(value.slice(lo, hi)).containing(i - lo)!;
    const start = lo + seg.index;
    const end = start + seg.segment.length;
    // Trusted when it does not touch a cut edge of the window, and no flag run crosses the
    // left edge (flags pair up regional indicators counted from the run's start).
    const clearLeft = lo === 0 || (start > lo && !regionalIndicatorBefore(value, lo));
    if (clearLeft && (end < hi || hi === value.length)) return { start, end };
  }
}

/** The nearest grapheme boundary at or before i. */
export const boundaryAtOrBefore = (value: string, i: number) => (i <= 0 ? 0 : i >= value.length ? value.length : graphemeAt(value, i).start);

/** The nearest grapheme boundary at or after i. */
export function boundaryAtOrAfter(value: string, i: number): number {
  if (i <= 0 || i >= value.length) return Math.max(0, Math.min(i, value.length));
  const { start, end } = graphemeAt(value, i);
  return start === i ? i : end;
}

/** Where the grapheme before the boundary `i` starts (0 at the start). */
export const previousBoundary = (value: string, i: number) => (i <= 0 ? 0 : graphemeAt(value, i - 1).start);

/** Where the grapheme after the boundary `i` ends (value.length at the end). */
export const nextBoundary = (value: string, i: number) => (i >= value.length ? value.length : graphemeAt(value, i).end);

/** The graphemes of a short string, with their indexes (for what is drawn, never a whole long value). */
export const graphemesOf = (text: string) => segmenter.segment(text);

function regionalIndicatorBefore(value: string, i: number): boolean {
  const cp = value.codePointAt(i - 2);
  return cp !== undefined && cp >= 0x1f1e6 && cp <= 0x1f1ff;
}
