/**
 * Checks an import file's bytes before any parser sees them. The parsers would quietly turn
 * invalid UTF-8 into U+FFFD (stored, not what the file meant), pass NUL bytes on, and buffer a
 * line of any length. Each of these means the file as a whole is not a UTF-8 movie list (saved
 * in another encoding, binary, or not what was meant), so the whole file is refused with the
 * line it happened on, and nothing is written.
 *
 * In JSON it also notes which elements hold a U+FEFF in a string (raw or as \ufeff): the
 * parser (@streamparser/json 0.0.26) drops that character silently, so the reader rejects
 * those rows instead of loading text that differs from the file.
 */
import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import { UserError } from '../db/errors.js';
import type { Format } from './records.js';

/** A movie's CSV line or JSON element is a few hundred bytes; this is room for any real one. */
export const MAX_ROW_BYTES = 64 * 1024;

const NEWLINE = 0x0a;
const SAVE_AS = 'save it as UTF-8 text and import it again';

export class TextGuard extends Transform {
  /** Newlines before the current chunk. */
  private lines = 0;
  /** The end of the last chunk when it stopped inside a multi-byte character. */
  private carry = Buffer.alloc(0);
  /** Bytes of the current CSV line or JSON element so far. */
  private rowBytes = 0;
  // JSON only: where the scanner is, to know where each element of the array starts.
  private depth = 0;
  private inString = false;
  private escaped = false;
  private index = 0;
  /** The hex digits of a \u escape being read, or undefined outside one. */
  private hex: string | undefined;
  /** JSON: the indexes of the array elements with a U+FEFF in a string. */
  readonly withBom = new Set<number>();

  constructor(private readonly format: Format) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeLength(bytes);
    this.carry = Buffer.from(bytes.subarray(cut));
    const part = bytes.subarray(0, cut);
    try {
      this.checkText(part);
      if (this.format === 'csv') this.scanCsv(part);
      else this.scanJson(part);
    } catch (err) {
      return done(err as Error);
    }
    done(null, part);
  }

  override _flush(done: TransformCallback): void {
    if (this.carry.length > 0) return done(new UserError(`line ${this.lines + 1}: not valid UTF-8 (the file ends inside a character); ${SAVE_AS}`));
    done();
  }

  private checkText(part: Buffer): void {
    const bad = isUtf8(part) ? -1 : firstInvalid(part);
    const nul = part.indexOf(0);
    if (bad >= 0 && (nul < 0 || bad < nul)) {
      const line = this.lines + countNewlines(part, bad) + 1;
      if (line === 1 && bad === 0 && (part[0] === 0xff || part[0] === 0xfe) && part[1] === (part[0] === 0xff ? 0xfe : 0xff)) {
        throw new UserError(`the file is UTF-16 (it starts with a UTF-16 byte order mark), not UTF-8; ${SAVE_AS}`);
      }
      throw new UserError(`line ${line}: not valid UTF-8 (byte 0x${part[bad]!.toString(16).padStart(2, '0')}); ${SAVE_AS}`);
    }
    if (nul >= 0) {
      throw new UserError(`line ${this.lines + countNewlines(part, nul) + 1}: contains a NUL byte, so this is not a text file (UTF-16 or binary?); ${SAVE_AS}`);
    }
  }

  private scanCsv(part: Buffer): void {
    let from = 0;
    for (;;) {
      const nl = part.indexOf(NEWLINE, from);
      this.rowBytes += (nl < 0 ? part.length : nl) - from;
      if (this.rowBytes > MAX_ROW_BYTES) throw this.tooLong(`line ${this.lines + 1}`);
      if (nl < 0) return;
      this.lines++;
      this.rowBytes = 0;
      from = nl + 1;
    }
  }

  private scanJson(part: Buffer): void {
    for (let i = 0; i < part.length; i++) {
      const b = part[i]!;
      if (b === NEWLINE) this.lines++;
      if (this.inString) {
        if (this.hex !== undefined) {
          this.hex += String.fromCharCode(b);
          if (this.hex.length === 5) {
            if (this.hex.toLowerCase() === 'ufeff') this.withBom.add(this.index);
            this.hex = undefined;
          }
        } else if (this.escaped) {
          this.escaped = false;
          if (b === 0x75) this.hex = 'u';
        } else if (b === 0xef && part[i + 1] === 0xbb && part[i + 2] === 0xbf) this.withBom.add(this.index);
        else if (b === 0x5c) this.escaped = true;
        else if (b === 0x22) this.inString = false;
      } else if (b === 0x22) this.inString = true;
      else if (b === 0x5b || b === 0x7b) this.depth++;
      else if (b === 0x5d || b === 0x7d) this.depth--;
      else if (b === 0x2c && this.depth === 1) {
        this.index++;
        this.rowBytes = 0;
        continue;
      }
      if (this.depth >= 1 && ++this.rowBytes > MAX_ROW_BYTES) throw this.tooLong(`index ${this.index} (line ${this.lines + 1})`);
    }
  }

  private tooLong(where: string): UserError {
    return new UserError(`${where} is longer than ${MAX_ROW_BYTES.toLocaleString('en-US')} bytes, far more than any movie takes; is this the right file?`);
  }
}

/** How many leading bytes end on a character boundary (the rest start a character the next chunk completes). */
function completeLength(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/**
 * Where the first invalid byte is. Node decodes each invalid sequence to one U+FFFD and leaves
 * the text before it intact, so the first U+FFFD that was not literally EF BF BD in the file
 * marks it.
 */
export function firstInvalid(bytes: Buffer): number {
  const text = bytes.toString('utf8');
  let offset = 0;
  let from = 0;
  for (let at = text.indexOf('\ufffd'); at >= 0; at = text.indexOf('\ufffd', at + 1)) {
    offset += Buffer.byteLength(text.slice(from, at));
    from = at;
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
  }
  return -1;
}

function countNewlines(bytes: Buffer, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(NEWLINE); i >= 0 && i < end; i = bytes.indexOf(NEWLINE, i + 1)) n++;
  return n;
}
