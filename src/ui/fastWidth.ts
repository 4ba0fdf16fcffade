/**
 * string-width with a fast path, put in place of every string-width in the bundle by
 * scripts/bundle.mjs (each importer keeps its own version underneath). Ink measures every text
 * it lays out and every line it wraps or truncates, and string-width segments each string
 * into graphemes even when it is plain ASCII: in a key's profile it was a fifth of the time.
 * Printable ASCII is its length; other texts are measured once and kept (bounded).
 */
type StringWidth = (text: string, options?: object) => number;

/** Printable ASCII only: a cell per character. */
export const PLAIN = /^[\x20-\x7e]*$/;
/** Texts kept, as inkOutput.ts keeps its lines: more held memory for no faster keys. */
const LIMIT = 2_000;
const LONGEST = 2048;

export function fastWidth(real: StringWidth): StringWidth {
  const kept = new Map<string, number>();
  return (text, options) => {
    if (options !== undefined || typeof text !== 'string') return real(text, options);
    if (PLAIN.test(text)) return text.length;
    if (text.length > LONGEST) return real(text);
    let width = kept.get(text);
    if (width === undefined) {
      if (kept.size >= LIMIT) kept.clear();
      width = real(text);
      kept.set(text, width);
    }
    return width;
  };
}
