/**
 * Text from the database or from the user, made safe to draw on a terminal. Data stored
 * before validation existed, or written with psql, may hold anything; printed raw, an ESC
 * starts an escape sequence (clear the screen, recolour, move the cursor) and a bidi
 * override reverses the rest of the line. Pure and dependency-free: the app and the CLI
 * both use it.
 */
import stringWidth from 'string-width';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\p{Cs}/gu;

/**
 * Every character a terminal would act on instead of showing, replaced by a visible stand-in:
 * C0 controls and DEL by their Control Pictures (ESC → ␛, tab → ␉, NUL → ␀), lone UTF-16
 * surrogates by U+FFFD, and C1 controls, line separators (a terminal may break the line) and
 * bidi controls by "<U+XXXX>".
 * Everything else (emoji, wide and combining characters, right-to-left letters) is kept.
 */
export function inert(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
    return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}

/**
 * Made inert, then cut or padded to exactly `width` terminal columns, measured as the terminal
 * draws them (a CJK character takes two, a combining mark none); cut text ends with "…".
 */
export function fitWidth(text: string, width: number): string {
  const safe = inert(text);
  if (width <= 0) return '';
  const w = stringWidth(safe);
  if (w <= width) return safe + ' '.repeat(width - w);
  let out = '';
  let used = 0;
  // Cut between graphemes, never inside one (an emoji joined with U+200D, a letter and its accent).
  for (const { segment: ch } of graphemes.segment(safe)) {
    const cw = stringWidth(ch);
    if (used + cw > width - 1) break;
    out += ch;
    used += cw;
  }
  return `${out}…${' '.repeat(width - used - 1)}`;
}
