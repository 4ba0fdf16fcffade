// The bundle draws frames with src/ui/inkOutput.ts instead of Ink's build/output.js (faster,
// bench/profile.ts). Whatever is drawn, the two must give the same screen, byte for byte.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import Output from '../src/ui/inkOutput.js';

type Write = [x: number, y: number, text: string, transformers?: Array<(line: string, index: number) => string>];
type Op = Write | { clip: { x1?: number; x2?: number; y1?: number; y2?: number } } | 'unclip';
const InkOutput = (await import(pathToFileURL(resolve(import.meta.dirname, '../node_modules/ink/build/output.js')).href)).default as typeof Output;

function draw(Impl: typeof Output, width: number, height: number, ops: Op[]) {
  const out = new Impl({ width, height });
  for (const op of ops) {
    if (op === 'unclip') out.unclip();
    else if ('clip' in op) out.clip(op.clip);
    else out.write(op[0], op[1], op[2], { transformers: op[3] ?? [] });
  }
  return out.get();
}

const sgr = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
const c = { inverse: sgr(7, 27), bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), white: sgr(37, 39), bgBlue: sgr(44, 49) };
const ODD = ['naïve café', 'Amélie', '千と千尋の神隠し', '👩‍👩‍👧 family', '🇯🇵 flag', 'e\u0301 combining', 'zero\u200bwidth', 'tab\there', 'bidi \u202eevil\u202c', '\x1b[31mraw red\x1b[39m', 'ＡＢＣ fullwidth', '\u0000nul'];
const CASES: Record<string, [number, number, Op[]]> = {
  'plain rows': [40, 5, [[0, 0, 'Title   Year'], [2, 1, 'Jaws    1975'], [0, 4, 'footer']]],
  'odd text one per row': [30, ODD.length, ODD.map((t, y): Write => [1, y, t])],
  'styles, nested and adjacent': [40, 4, [[0, 0, c.inverse(`› Jaws ${c.bold('1975')} x`)], [0, 1, `${c.red('r')}${c.red('r')}${c.green('g')}plain`], [3, 2, c.bgBlue(c.white('千と千尋')) + ' tail'], [0, 3, c.dim(c.bold('both')) + c.bold('b')]]],
  'overlapping writes, a wide character cut in half': [20, 2, [[0, 0, '千と千尋の神隠し'], [3, 0, 'AB'], [0, 1, 'abcdefgh'], [2, 1, '👍']]],
  'clipped horizontally and vertically': [20, 6, [{ clip: { x1: 2, x2: 10, y1: 1, y2: 4 } }, [0, 0, 'hidden row'], [0, 1, 'abcdefghijklmnop\n千と千尋の神隠し\n' + c.red('red red red red')], [0, 5, 'below'], 'unclip', [0, 5, 'after']]],
  'transformers': [20, 3, [[0, 0, 'a\nb\nc', [(line, i) => `${i}:${line.toUpperCase()}`]]]],
  'text taller and wider than the output': [5, 2, [[0, 0, '1234567890\nabcdefghij\nXYZ']]],
};

describe('the bundle\'s frame builder draws exactly what Ink\'s does', () => {
  for (const [name, [w, h, ops]] of Object.entries(CASES)) {
    it(name, () => {
      expect(draw(Output, w, h, ops)).toEqual(draw(InkOutput, w, h, ops));
      // Again: the second frame comes from the kept lines.
      expect(draw(Output, w, h, ops)).toEqual(draw(InkOutput, w, h, ops));
    });
  }

  it('a long line, plain or not, draws as Ink draws it', () => {
    // 16 KB: Ink's slice-ansi needs a quarter of a second for it, and grows faster than the line.
    for (const big of ['x'.repeat(1 << 14), 'x'.repeat(1 << 14) + '千']) {
      const ops: Op[] = [{ clip: { x1: 2, x2: 30 } }, [0, 0, big], 'unclip'];
      expect(draw(Output, 30, 1, ops)).toEqual(draw(InkOutput, 30, 1, ops));
    }
  });
});
