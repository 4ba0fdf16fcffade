import { StringDecoder } from 'node:string_decoder';
import { describe, expect, it } from 'vitest';
import { createParser, PASTE_MAX, type ParsedEvent } from '../../src/ui/input/parse.js';
import { seeded } from '../support/random.js';

/**
 * Random input for the key parser. Replay a failure with KEYS_FUZZ_SEED=<seed printed in it>.
 * Bytes are decoded the way the app decodes stdin (UTF-8, cut at random between reads), so
 * the parser sees what it would see from a terminal.
 */
const SEED = Number(process.env.KEYS_FUZZ_SEED ?? 20261130);

const random = seeded;

// Pieces real terminals send, and pieces that confuse parsers.
const PIECES = [
  '\x1b', '\x1b[', '\x1bO', '\x1b[1;5P', '\x1b[0m', '\x1b[31m', '\x1b[5n', '\x1b[200~', '\x1b[201~', '\x1b[I', '\x1b[O', '\x1b[M', '\x1b[<0;3;4M',
  '\x1b[27;5;13~', '\x1b[13;5u', '\x1b[Z', '\x1b[3~', '\x1b[15;2~', '\x1b[1;3A', '\x1bOP', '\x1b[[A', '\x1b]0;title\x07', '\x1bP1$r\x1b\\',
  ';', '1', '5', '~', '[', 'O', 'M', 'u', 'A', 'P', '\r', '\n', '\t', '\x7f', '\x08', '\x00', '\x03', '\x13', '\x1a', 'j', ' ', 'é', '日', '🎬', '\u009b', '\u202e',
];

function randomBytes(r: ReturnType<typeof random>, size: number): Buffer {
  const parts: Buffer[] = [];
  let length = 0;
  while (length < size) {
    const choice = r.int(3);
    const part = choice === 0 ? Buffer.from(Array.from({ length: 1 + r.int(8) }, () => r.int(256))) : Buffer.from(r.pick(PIECES));
    parts.push(part);
    length += part.length;
  }
  return Buffer.concat(parts).subarray(0, size);
}

/** Decodes `bytes` in random reads, as stdin with setEncoding('utf8') does. */
function reads(r: ReturnType<typeof random>, bytes: Buffer): string[] {
  const decoder = new StringDecoder('utf8');
  const out: string[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + r.int(Math.min(64, bytes.length - i));
    out.push(decoder.write(bytes.subarray(i, i + n)));
    i += n;
  }
  out.push(decoder.end());
  return out.filter(Boolean);
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function wellFormed(e: ParsedEvent): string | undefined {
  switch (e.kind) {
    case 'key':
      if (typeof e.name !== 'string' || e.name === '') return 'key without a name';
      if (CONTROL.test(e.name)) return 'key named by a control character';
      if (typeof e.ctrl !== 'boolean' || typeof e.alt !== 'boolean' || typeof e.shift !== 'boolean') return 'modifier not a boolean';
      if (typeof e.sequence !== 'string' || e.sequence === '') return 'key without its sequence';
      return undefined;
    case 'text':
      if (e.text === '') return 'empty text';
      if (CONTROL.test(e.text)) return 'control character in text';
      return undefined;
    case 'paste':
      if (e.text.length > PASTE_MAX) return 'paste over the limit';
      return typeof e.truncated === 'boolean' ? undefined : 'truncated not a boolean';
    case 'unknown':
      return e.sequence === '' ? 'empty unknown sequence' : undefined;
    default:
      return `unexpected event ${JSON.stringify(e)}`;
  }
}

/** Adjacent text events joined: how reads cut a run of letters does not matter. */
function joined(events: ParsedEvent[]): ParsedEvent[] {
  const out: ParsedEvent[] = [];
  for (const e of events) {
    const last = out.at(-1);
    if (e.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + e.text };
    else out.push(e);
  }
  return out;
}

describe('the key parser under random input', () => {
  it(`never throws and yields only well-formed events, however the input is cut (10,000 inputs, seed ${SEED})`, () => {
    const r = random(SEED);
    for (let n = 0; n < 10_000; n++) {
      const bytes = randomBytes(r, 1 + r.int(120));
      const chunks = reads(r, bytes);
      const context = `input ${n} (seed ${SEED}): ${JSON.stringify(chunks)}`;
      const parser = createParser();
      let events: ParsedEvent[];
      try {
        events = [...chunks.flatMap((c) => parser.push(c)), ...parser.flush()];
      } catch (err) {
        throw new Error(`threw on ${context}: ${String(err)}`);
      }
      for (const e of events) expect(wellFormed(e), context).toBeUndefined();
      // The same input in one read means the same keys.
      const whole = createParser();
      expect(joined([...whole.push(chunks.join('')), ...whole.flush()]), context).toEqual(joined(events));
    }
  });

  it('does work linear in the input: 1 MB costs about ten times 100 KB, for random input and for the worst cases', () => {
    const r = random(SEED + 1);
    const cases: Record<string, (size: number) => string> = {
      random: (size) => randomBytes(r, size).toString('utf8'),
      escapes: (size) => '\x1b'.repeat(size),
      'open CSIs': (size) => '\x1b[1;'.repeat(size / 4),
      'an unended paste': (size) => `\x1b[200~${'x'.repeat(size)}`,
      'paste markers': (size) => '\x1b[200~\x1b[201~'.repeat(size / 12),
      letters: (size) => 'j'.repeat(size),
    };
    for (const [name, make] of Object.entries(cases)) {
      const work = (size: number, chunk: number) => {
        const input = make(size);
        const parser = createParser();
        for (let i = 0; i < input.length; i += chunk) parser.push(input.slice(i, i + chunk));
        parser.flush();
        return parser.work();
      };
      for (const chunk of [1, 4096]) {
        const small = work(100_000, chunk);
        const large = work(1_000_000, chunk);
        expect(small, name).toBeGreaterThan(0);
        expect(large / small, `${name}, reads of ${chunk}`).toBeLessThan(12);
        expect(large, `${name}, reads of ${chunk}`).toBeLessThan(8_000_000);
      }
    }
  });
});
