/**
 * Ink 6.8's `build/output.js` (MIT, vadimdemedes/ink), put in its place in the bundle by
 * scripts/bundle.mjs. Same operations, same result (tests/inkOutput.test.ts compares the two on
 * odd text, wide characters, emoji, styles and clips); it is faster where Ink spent most of a
 * key's time (bench/profile.ts: 65 % of it in this file's callees):
 * - a line's characters and widths are kept across frames (Ink keeps them for one frame),
 *   and a row of plain printable ASCII is split without tokenizing or measuring each character;
 * - characters of one styled run share one styles array, so joining a row back into a string
 *   compares references instead of diffing ANSI codes at every character;
 * - empty cells are one shared object, not width × height new ones a frame;
 * - a plain line is clipped with slice (slice-ansi takes seconds on a pasted 64 KB line), a
 *   styled one as before but once: the same cut of the same line is kept.
 */
import { ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, tokenize, type AnsiCode, type StyledChar } from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import { PLAIN } from './fastWidth.js';

type Transformer = (line: string, index: number) => string;
interface Clip {
  x1?: number;
  x2?: number;
  y1?: number;
  y2?: number;
}
type Operation = { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] } | { type: 'clip'; clip: Clip } | { type: 'unclip' };

const NO_STYLES: AnsiCode[] = [];
const BLANK: StyledChar = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: NO_STYLES }) as StyledChar;
/**
 * Lines, widths and cuts kept across frames, emptied when this many (a long scroll through new
 * rows): fifty screens. 20,000 held about 15 MB more at the peak for no faster keys (bench:profile).
 */
const CACHE_LIMIT = 2_000;
/** Longer texts (a pasted megabyte) are not kept: they would hold the memory, and rarely repeat. */
const CACHE_LONGEST = 2048;

/** One object per printable ASCII character, shared by every plain line. */
const ASCII: StyledChar[] = [];
for (let c = 0x20; c <= 0x7e; c++) ASCII[c] = Object.freeze({ type: 'char', value: String.fromCharCode(c), fullWidth: false, styles: NO_STYLES }) as StyledChar;

class Cache<V> {
  private map = new Map<string, V>();
  constructor(private readonly make: (key: string) => V) {}
  get(key: string): V {
    if (key.length > CACHE_LONGEST) return this.make(key);
    let value = this.map.get(key);
    if (value === undefined) {
      if (this.map.size >= CACHE_LIMIT) this.map.clear();
      value = this.make(key);
      this.map.set(key, value);
    }
    return value;
  }
}

// string-width is, in the bundle, already behind a fast path for plain text and a cache (fastWidth.ts).
const widestLines = new Cache((text: string) => {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, stringWidth(line));
  return widest;
});
const styledLines = new Cache(styledChars);
/** sliceAnsi by key `from:to:line` (a clipped box cuts the same styled lines every frame). */
const slices = new Cache((key: string) => {
  const first = key.indexOf(':');
  const second = key.indexOf(':', first + 1);
  return sliceAnsi(key.slice(second + 1), Number(key.slice(0, first)), Number(key.slice(first + 1, second)));
});

/** A line as styled characters; consecutive characters with the same styles share one array. */
function styledChars(line: string): StyledChar[] {
  if (PLAIN.test(line)) {
    const chars = new Array<StyledChar>(line.length);
    for (let i = 0; i < line.length; i++) chars[i] = ASCII[line.charCodeAt(i)]!;
    return chars;
  }
  // ansi-tokenize's styledCharsFromTokens, without its `{...token, styles: [...codes]}`: that spread
  // gives each object a hidden class of its own on Node 20's V8 (345 bytes a character instead of
  // 121, and maps that outlive the objects): 26 MB of a 1M browse's heap. Each run of characters
  // shares the codes array (reduceAnsiCodesIncremental returns a new one at each change).
  const chars: StyledChar[] = [];
  let codes = NO_STYLES;
  for (const token of tokenize(line)) {
    if (token.type === 'ansi') {
      const next = reduceAnsiCodesIncremental(codes, [token]);
      codes = next.length === 0 ? NO_STYLES : next;
    } else chars.push(codes === NO_STYLES ? unstyled(token.value, token.fullWidth) : { type: 'char', value: token.value, fullWidth: token.fullWidth, styles: codes });
  }
  return chars;
}

/** One object per unstyled character (as ASCII has), kept while fewer than this many: most text is a few alphabets. */
const UNSTYLED_LIMIT = 8192;
const unstyledChars = new Map<string, StyledChar>();
function unstyled(value: string, fullWidth: boolean): StyledChar {
  const key = fullWidth ? `W${value}` : value;
  let char = unstyledChars.get(key);
  if (char === undefined) {
    if (unstyledChars.size >= UNSTYLED_LIMIT) unstyledChars.clear();
    char = Object.freeze({ type: 'char', value, fullWidth, styles: NO_STYLES }) as StyledChar;
    unstyledChars.set(key, char);
  }
  return char;
}

/** A single character's width: 1 for printable ASCII, else as string-width says. */
function charWidth(value: string): number {
  if (value.length === 1) {
    const c = value.charCodeAt(0);
    if (c >= 0x20 && c <= 0x7e) return 1;
  }
  return stringWidth(value);
}

/** styledCharsToString, diffing styles only where they change. */
function rowToString(chars: StyledChar[]): string {
  let out = '';
  let prev: AnsiCode[] = NO_STYLES;
  for (const char of chars) {
    if (char.styles !== prev) out += ansiCodesToString(diffAnsiCodes(prev, char.styles));
    out += char.value;
    prev = char.styles;
  }
  if (prev.length > 0) out += ansiCodesToString(diffAnsiCodes(prev, []));
  return out;
}

export default class Output {
  readonly width: number;
  readonly height: number;
  private readonly operations: Operation[] = [];

  constructor(options: { width: number; height: number }) {
    this.width = options.width;
    this.height = options.height;
  }

  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void {
    if (!text) return;
    this.operations.push({ type: 'write', x, y, text, transformers: options.transformers });
  }

  clip(clip: Clip): void {
    this.operations.push({ type: 'clip', clip });
  }

  unclip(): void {
    this.operations.push({ type: 'unclip' });
  }

  get(): { output: string; height: number } {
    const output: StyledChar[][] = [];
    for (let y = 0; y < this.height; y++) output.push(new Array<StyledChar>(this.width).fill(BLANK));
    const clips: Clip[] = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') clips.push(operation.clip);
      else if (operation.type === 'unclip') clips.pop();
      else this.draw(output, operation, clips.at(-1));
    }
    return {
      // Ink leaves holes where a wide character overwrote half of another: filtered as Ink does.
      output: output.map((line) => rowToString(line.filter((item) => item !== undefined)).trimEnd()).join('\n'),
      height: output.length,
    };
  }

  private draw(output: StyledChar[][], operation: Extract<Operation, { type: 'write' }>, clip: Clip | undefined): void {
    const { text, transformers } = operation;
    let { x, y } = operation;
    let lines = text.split('\n');
    if (clip) {
      const clipHorizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
      const clipVertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
      if (clipHorizontally) {
        const width = widestLines.get(text);
        if (x + width < clip.x1! || x > clip.x2!) return;
      }
      if (clipVertically && (y + lines.length < clip.y1! || y > clip.y2!)) return;
      if (clipHorizontally) {
        lines = lines.map((line) => {
          const from = x < clip.x1! ? clip.x1! - x : 0;
          const width = stringWidth(line);
          const to = x + width > clip.x2! ? clip.x2! - x : width;
          return PLAIN.test(line) ? line.slice(from, to) : slices.get(`${from}:${to}:${line}`);
        });
        if (x < clip.x1!) x = clip.x1!;
      }
      if (clipVertically) {
        const from = y < clip.y1! ? clip.y1! - y : 0;
        const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
        lines = lines.slice(from, to);
        if (y < clip.y1!) y = clip.y1!;
      }
    }
    let offsetY = 0;
    for (const [index, text] of lines.entries()) {
      const row = output[y + offsetY];
      // Text taller than the output: Ink skips the missing rows without counting them.
      if (!row) continue;
      let line = text;
      for (const transformer of transformers) line = transformer(line, index);
      let offsetX = x;
      for (const character of styledLines.get(line)) {
        row[offsetX] = character;
        const width = Math.max(1, charWidth(character.value));
        // A wide character's other cells are cleared, so no stray spaces follow it.
        for (let i = 1; i < width; i++) row[offsetX + i] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
        offsetX += width;
      }
      offsetY++;
    }
  }
}
