import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { UserError } from '../src/db/errors.js';
import { importFile } from '../src/transfer/importer.js';
import { TextGuard } from '../src/transfer/textGuard.js';
import { cleanEnv, run } from './support/cli.js';
import { describeEachDatabase } from './support/databases.js';

const dir = mkdtempSync(join(tmpdir(), 'movies-tui-odd-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, `${++files}-${name}`);
  writeFileSync(path, content);
  return path;
};
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const BOM = [0xef, 0xbb, 0xbf];
const SENTINELS = [
  { title: 'Sentinel One', year: 1990, directors: ['Keeper'], theatre: true, mpa: null },
  { title: 'Sentinel Two 🎬', year: 1991, directors: ['宮崎駿'], theatre: false, mpa: 'PG' },
];

/** Passes bytes through the guard in chunks of the given size; resolves to the error it raised, if any. */
async function guard(content: Buffer, format: 'csv' | 'json', chunk = 1): Promise<string | undefined> {
  const parts: Buffer[] = [];
  for (let i = 0; i < content.length; i += chunk) parts.push(content.subarray(i, i + chunk));
  try {
    for await (const _ of Readable.from(parts).pipe(new TextGuard(format)));
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

describe('the text check of import files', () => {
  it('accepts UTF-8 split anywhere between chunks, emoji and CJK included', async () => {
    const text = bytes(BOM, 'title,year,directors\r\n"千と千尋 👨\u200d👩\u200d👧",2001,宮崎駿\r\n\ufffd literal,2002,X\n');
    for (const size of [1, 2, 3, 5, 7, 1 << 20]) expect(await guard(text, 'csv', size)).toBeUndefined();
  });

  it('names the line of the first invalid byte, wherever the chunks split', async () => {
    const text = bytes('title,year,directors\nok é,2001,X\nbad ', [0xc3, 0x28], ',2001,X\n');
    for (const size of [1, 2, 3, 64]) expect(await guard(text, 'csv', size)).toBe('line 3: not valid UTF-8 (byte 0xc3); save it as UTF-8 text and import it again');
    expect(await guard(bytes('[{"title": "', [0xed, 0xa0, 0x80], '"}]'), 'json', 4)).toMatch(/^line 1: not valid UTF-8 \(byte 0xed\)/);
    expect(await guard(bytes('title\n', [0xe2, 0x82]), 'csv', 3)).toBe('line 2: not valid UTF-8 (the file ends inside a character); save it as UTF-8 text and import it again');
  });
});

describeEachDatabase('importing odd files', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb.open();
    await db.migrations.up();
    for (const m of SENTINELS) await db.movies.create(m);
  });
  afterAll(() => db?.close());
  const all = async () => (await db.movies.list({ sort: 'id', limit: 5000 })).movies.map(({ title, year, directors, theatre, mpa }) => ({ title, year, directors, theatre, mpa }));

  /** Imports, expecting the whole file refused with this message and the table as it was. */
  const refused = async (path: string, message: string | RegExp) => {
    const before = await all();
    const attempt = importFile(db.movies, path, { skipInvalid: true });
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow(message);
    expect(await all()).toEqual(before);
  };

  it('a CSV file with a byte order mark and CRLF line ends imports, its odd text stored exactly', async () => {
    const path = file('bom-crlf.csv', bytes(BOM, 'title,year,directors,mpa\r\n"Amélie ""q"" ; -- \\ %",2001,Jean-Pierre Jeunet,R\r\n"千と千尋の神隠し 👨\u200d👩\u200d👧",2001,宮崎駿;עמוס גיתאי,\r\n'));
    const report = await importFile(db.movies, path);
    expect(report).toMatchObject({ rows: 2, imported: 2, rejected: 0 });
    expect((await all()).slice(-2)).toEqual([
      { title: 'Amélie "q" ; -- \\ %', year: 2001, directors: ['Jean-Pierre Jeunet'], theatre: true, mpa: 'R' },
      { title: '千と千尋の神隠し 👨\u200d👩\u200d👧', year: 2001, directors: ['宮崎駿', 'עמוס גיתאי'], theatre: true, mpa: null },
    ]);
  });

  it('a JSON file with a byte order mark and CRLF line ends imports', async () => {
    const path = file('bom.json', bytes(BOM, '[\r\n {"title": "\\u05e9\\u05dc\\u05d5\\u05dd \\ud83c\\udfac", "year": 2003, "directors": ["O\'Brien \\"x\\""]}\r\n]\r\n'));
    expect(await importFile(db.movies, path)).toMatchObject({ rows: 1, imported: 1 });
    expect((await all()).at(-1)).toEqual({ title: 'שלום 🎬', year: 2003, directors: [`O'Brien "x"`], theatre: true, mpa: null });
  });

  it('a byte order mark (U+FEFF) inside a row is rejected in CSV and in JSON (raw or escaped), never dropped silently', async () => {
    const csv = await importFile(db.movies, file('feff.csv', 'title,year,directors\n"in\ufeffside",2009,X\nKept,2009,X\n'), { skipInvalid: true });
    expect(csv.rejections).toEqual([{ where: 'line 2', field: 'title', reason: 'must not contain U+FEFF, a byte order mark (for a zero-width no-break space use U+2060)' }]);
    const json = file('feff.json', '[{"title": "raw\ufeffinside", "year": 2010, "directors": ["X"]}, {"title": "Kept", "year": 2010, "directors": ["X"]}, {"title": "esc\\uFEFFaped", "year": 2010, "directors": ["X"]}, {"title": "Kept too", "year": 2010, "directors": ["\\\\ufeff"]}]');
    const report = await importFile(db.movies, json, { skipInvalid: true });
    expect(report.rejections).toEqual([
      { where: 'index 0', field: 'row', reason: 'contains U+FEFF, a byte order mark, which a movie may not contain' },
      { where: 'index 2', field: 'row', reason: 'contains U+FEFF, a byte order mark, which a movie may not contain' },
    ]);
    expect((await all()).slice(-3).map((m) => [m.title, m.directors])).toEqual([
      ['Kept', ['X']],
      ['Kept', ['X']],
      ['Kept too', ['\\ufeff']],
    ]);
  });

  it('rows with an escape sequence, a bidi override or a lone surrogate are rejected by line or index; the others load', async () => {
    const csv = file('escapes.csv', `title,year,directors\nPlain,2004,X\n"\x1b[2J\x1b[31mRED",2004,X\n\u202Eevil,2004,X\n`);
    const report = await importFile(db.movies, csv, { skipInvalid: true });
    expect(report).toMatchObject({ rows: 3, imported: 1, rejected: 2 });
    expect(report.rejections.map((r) => `${r.where} ${r.field}: ${r.reason}`)).toEqual([
      'line 3 title: must not contain control characters (found U+001B ESC, which starts terminal escape sequences)',
      'line 4 title: must not contain bidirectional control characters (found U+202E, which can make text display reversed)',
    ]);
    const json = file('escapes.json', '[{"title": "ok json", "year": 2005, "directors": ["X"]}, {"title": "\\u001b[31m", "year": 2005, "directors": ["X"]}, {"title": "half \\ud800", "year": 2005, "directors": ["X"]}, {"title": "nul \\u0000", "year": 2005, "directors": ["X"]}]');
    const jsonReport = await importFile(db.movies, json, { skipInvalid: true });
    expect(jsonReport).toMatchObject({ rows: 4, imported: 1, rejected: 3 });
    expect(jsonReport.rejections.map((r) => r.where)).toEqual(['index 1', 'index 2', 'index 3']);
    expect(jsonReport.rejections[1]!.reason).toBe('must not contain unpaired UTF-16 surrogates (not valid Unicode text)');
    expect(jsonReport.rejections[2]!.reason).toBe('must not contain control characters (found U+0000 NUL)');
  });

  it('a file with invalid UTF-8 is refused whole, naming the line, and nothing is written (also with --skip-invalid)', async () => {
    await refused(file('latin1.csv', bytes('title,year,directors\nFine,2006,X\nAm', [0xe9], 'lie,2001,X\n')), 'line 3: not valid UTF-8 (byte 0xe9); save it as UTF-8 text and import it again');
    await refused(file('latin1.json', bytes('[{"title": "Fine", "year": 2006, "directors": ["X"]},\n{"title": "Am', [0xe9], 'lie"}]')), 'line 2: not valid UTF-8 (byte 0xe9)');
    await refused(file('utf16.csv', Buffer.from('\ufefftitle,year,directors\n', 'utf16le')), 'the file is UTF-16 (it starts with a UTF-16 byte order mark), not UTF-8');
  });

  it('a file with a NUL byte is refused whole, naming the line', async () => {
    await refused(file('nul.csv', bytes('title,year,directors\nFine,2006,X\nNul', [0], ',2006,X\n')), 'line 3: contains a NUL byte, so this is not a text file (UTF-16 or binary?)');
    await refused(file('nul.json', bytes('[\n{"title": "Fine", "year": 2006, "directors": ["X"]}', [0], ']')), 'line 2: contains a NUL byte');
  });

  it('a 10 MB line is refused with a clear message before it is read whole', async () => {
    const huge = 'x'.repeat(10 << 20);
    await refused(file('huge.csv', `title,year,directors\nFine,2006,X\n"${huge}",2006,X\n`), 'line 3 is longer than 65,536 bytes, far more than any movie takes; is this the right file?');
    await refused(file('huge.json', `[{"title": "Fine", "year": 2006, "directors": ["X"]},\n {"title": "${huge}", "year": 2006, "directors": ["X"]}]`), 'index 1 (line 2) is longer than 65,536 bytes');
    // A minified JSON file is one long line of small elements: that is fine.
    const many = Array.from({ length: 3000 }, (_, i) => ({ title: `Minified ${i}`, year: 2007, directors: ['M'] }));
    expect(await importFile(db.movies, file('minified.json', JSON.stringify(many)))).toMatchObject({ rows: 3000, imported: 3000 });
  });

  it('the command line says why in one line and exits 1, the sentinel rows untouched', async () => {
    const before = await all();
    await db.close();
    try {
      const target = testDb.target.kind === 'embedded' ? ['--data-dir', testDb.target.dataDir] : ['--database-url', testDb.target.url];
      const result = await run([...target, 'import', '--skip-invalid', file('cli.csv', bytes('title,year,directors\n\x1b[2J,2008,X\nBad', [0xff], ',2008,X\n'))], cleanEnv());
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('movies-tui: line 3: not valid UTF-8 (byte 0xff); save it as UTF-8 text and import it again\n');
    } finally {
      db = await testDb.open();
    }
    expect(await all()).toEqual(before);
    expect(before.slice(0, 2)).toEqual(SENTINELS);
  });
});
