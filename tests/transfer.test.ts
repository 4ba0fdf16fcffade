import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { UserError } from '../src/db/errors.js';
import { exportFile } from '../src/transfer/exporter.js';
import { importFile, type ImportProgress } from '../src/transfer/importer.js';
import { fractionDone, progressLine } from '../src/transfer/progress.js';
import { describeEachDatabase } from './support/databases.js';
import { rawSql } from './support/rawSql.js';

const dir = mkdtempSync(join(tmpdir(), 'movies-tui-transfer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const file = (name: string, text: string) => {
  const path = join(dir, `${++files}-${name}`);
  writeFileSync(path, text);
  return path;
};
const YEAR_MAX = new Date().getFullYear() + 10;

// A real messy file: wrong years, missing directors, an overlong title, stray and unclosed
// quotes, non-ASCII text, a duplicate of a stored movie and a repeat within the file.
const MESSY = [
  'title,year,directors,theatre,mpa',
  'Heat,1995,Michael Mann,true,R',
  '"Amélie",2001,Jean-Pierre Jeunet,,R',
  'Bad Year,19x5,Someone,,',
  'No Directors,2000,,,',
  `"${'A very long title '.repeat(5)}",2001,X,,`,
  'Bob "the" Film,2003,Y;Z,no,pg-13',
  '"千と千尋の神隠し",2001,宮崎駿,,PG',
  'heat,1995,Michael Mann,,',
  'Wrong,2001,X,maybe,ZZ',
  '"Broken, quote,2005,X',
].join('\n');

describeEachDatabase('import and export', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb.open();
    await db.migrations.up();
  });
  afterAll(() => db?.close());

  const all = async () => (await db.movies.list({ sort: 'id', limit: 1000 })).movies.map(({ id: _, ...m }) => m);

  it('a messy file is reported row by row, with line, field and reason, and nothing is written', async () => {
    const path = file('messy.csv', MESSY);
    const errors = join(dir, 'messy.errors.csv');
    const report = await importFile(db.movies, path, { errorsFile: errors });
    expect(report).toMatchObject({ rows: 10, valid: 5, rejected: 5, imported: 0, written: false });
    expect(report.rejections).toEqual([
      { where: 'line 4', field: 'year', reason: `must be a whole number between 1878 and ${YEAR_MAX}` },
      { where: 'line 5', field: 'directors', reason: 'at least one director is required' },
      { where: 'line 6', field: 'title', reason: 'must be at most 80 characters' },
      { where: 'line 10', field: 'theatre', reason: 'must be true or false' },
      { where: 'line 10', field: 'mpa', reason: 'must be empty or one of G, PG, PG-13, R, NC-17' },
      { where: 'line 11', field: 'row', reason: 'a quoted field is never closed' },
    ]);
    expect(await all()).toEqual([]);
    // The errors file is the import format plus the reasons: fix it and import it again.
    const lines = readFileSync(errors, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('title,year,directors,theatre,mpa,error');
    expect(lines[1]).toBe(`Bad Year,19x5,Someone,,,year: must be a whole number between 1878 and ${YEAR_MAX}`);
    expect(lines).toHaveLength(6);
  });

  it('--skip-invalid loads the valid rows in one go; a repeat within the file is skipped, not duplicated', async () => {
    const report = await importFile(db.movies, file('messy.csv', MESSY), { skipInvalid: true });
    expect(report).toMatchObject({ rows: 10, valid: 5, imported: 4, duplicates: 1, rejected: 5, written: true });
    expect(await all()).toEqual([
      { title: 'Heat', year: 1995, directors: ['Michael Mann'], theatre: true, mpa: 'R', version: 1 },
      { title: 'Amélie', year: 2001, directors: ['Jean-Pierre Jeunet'], theatre: true, mpa: 'R', version: 1 },
      { title: 'Bob "the" Film', year: 2003, directors: ['Y', 'Z'], theatre: false, mpa: 'PG-13', version: 1 },
      { title: '千と千尋の神隠し', year: 2001, directors: ['宮崎駿'], theatre: true, mpa: 'PG', version: 1 },
    ]);
  });

  it('rows already stored (same title in any case, same year) are skipped and counted', async () => {
    const report = await importFile(db.movies, file('again.csv', 'title,year,directors\nHEAT,1995,Michael Mann\nCollateral,2004,Michael Mann\n'));
    expect(report).toMatchObject({ imported: 1, duplicates: 1, rejected: 0, written: true });
    expect((await all()).filter((m) => m.title.toLowerCase() === 'heat')).toHaveLength(1);
  });

  // PGlite has no autovacuum: without statistics a rare search on a big table reads every row.
  it.runIf(testDb.kind === 'embedded')('an import leaves the table with fresh statistics for the planner', async () => {
    const stats = async () => Number((await rawSql(db, `select count(*) as n from pg_stats where tablename = 'movie' and attname = 'title'`))[0]!.n);
    await rawSql(db, `delete from pg_statistic where starelid = 'movie'::regclass`);
    expect(await stats()).toBe(0);
    const report = await importFile(db.movies, file('stats.csv', 'title,year,directors\nRan,1985,Akira Kurosawa\nIkiru,1952,Akira Kurosawa\n'));
    expect(report.imported).toBe(2);
    expect(await stats()).toBe(1);
  });

  it('a dry run validates and counts, and writes nothing', async () => {
    const before = await all();
    const report = await importFile(db.movies, file('dry.csv', 'title,year,directors\nZodiac,2007,David Fincher\n'), { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, valid: 1, imported: 0, written: false });
    expect(await all()).toEqual(before);
  });

  it('JSON: rejections name the element index; directors must be an array', async () => {
    const json = JSON.stringify([
      { title: 'Alien', year: 1979, directors: ['Ridley Scott'], theatre: true, mpa: 'R' },
      { title: 'Aliens', year: 1986, directors: 'James Cameron' },
      'not a movie',
      { title: '', year: 2000, directors: ['X'] },
    ]);
    const report = await importFile(db.movies, file('movies.json', json), { errorsFile: join(dir, 'json.errors.csv') });
    expect(report.rejections).toEqual([
      { where: 'index 1', field: 'directors', reason: 'at least one director is required' },
      { where: 'index 2', field: 'row', reason: 'must be an object' },
      { where: 'index 3', field: 'title', reason: 'is required' },
    ]);
    expect(report.written).toBe(false);
    expect(readFileSync(join(dir, 'json.errors.csv'), 'utf8')).toContain('Aliens,1986,James Cameron,,,directors: at least one director is required');
  });

  it('a file that cannot be read as a whole gets one line and changes nothing', async () => {
    const before = await all();
    const cases: [string, string, RegExp][] = [
      ['nohead.csv', 'name,year\nX,2000\n', /unknown column "name" in the header/],
      ['short.csv', 'title,year\nX,2000\n', /the header has no directors column/],
      ['empty.csv', '', /the file is empty/],
      ['object.json', '{"title": "X"}', /must be an array of movies/],
      ['broken.json', '[{"title": "X", "year": 2000, "directors": ["Y"]}, {"title": ', /not valid JSON/],
      ['notes.txt', 'title,year,directors\n', /cannot tell the format of .*notes\.txt/],
    ];
    for (const [name, text, message] of cases) {
      const attempt = importFile(db.movies, file(name, text));
      await expect(attempt).rejects.toThrow(message);
      await expect(importFile(db.movies, file(name, text))).rejects.toBeInstanceOf(UserError);
    }
    await expect(importFile(db.movies, join(dir, 'missing.csv'))).rejects.toThrow(/cannot read .*missing\.csv: no such file/);
    expect(await all()).toEqual(before);
  });

  it('a cancelled import writes nothing', async () => {
    const before = await all();
    const rows = Array.from({ length: 20_000 }, (_, i) => `Cancelled ${i},2000,Someone`).join('\n');
    const controller = new AbortController();
    const attempt = importFile(db.movies, file('big.csv', `title,year,directors\n${rows}\n`), {
      signal: controller.signal,
      onProgress: (p) => p.rows > 1000 && controller.abort(),
    });
    await expect(attempt).rejects.toThrow('import cancelled; nothing was written');
    expect(await all()).toEqual(before);
  });

  it('export then import into an empty database reproduces the table exactly, in CSV and in JSON', async () => {
    await db.movies.create({ title: 'Do the Right Thing', year: 1989, directors: ['Lee, Spike', 'A "quoted" name'], theatre: false });
    await db.movies.create({ title: 'Line\u2028Separator, "quoted"', year: 2020, directors: ['Ünïcödé'] });
    const original = await all();
    for (const format of ['csv', 'json'] as const) {
      const out = join(dir, `export.${format}`);
      expect(await exportFile(db.movies, out, { format })).toBe(original.length);
      const other = await testDb.fresh();
      const { Database } = await import('../src/db/database.js');
      const copy = await Database.open(other);
      try {
        await copy.migrations.up();
        const report = await importFile(copy.movies, out);
        expect(report).toMatchObject({ imported: original.length, rejected: 0 });
        expect((await copy.movies.list({ sort: 'id', limit: 1000 })).movies.map(({ id: _, ...m }) => m)).toEqual(original);
        // And out again: byte for byte the same file.
        const again = join(dir, `again.${format}`);
        await exportFile(copy.movies, again, { format });
        expect(readFileSync(again, 'utf8')).toBe(readFileSync(out, 'utf8'));
      } finally {
        await copy.close();
      }
    }
  });

  it('export --search writes only the matches', async () => {
    const out = join(dir, 'mann.csv');
    expect(await exportFile(db.movies, out, { format: 'csv', search: 'mann' })).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('title,year,directors,theatre,mpa\nHeat,1995,Michael Mann,true,R\nCollateral,2004,Michael Mann,true,\n');
  });

  it('still skips duplicates when the unique index migration is rolled back', async () => {
    await db.migrations.down('unique_title_year');
    try {
      const report = await importFile(db.movies, file('dups.csv', 'title,year,directors\nheat,1995,X\nNew One,2001,X\nnew one,2001,Y\n'));
      expect(report).toMatchObject({ imported: 1, duplicates: 2 });
      expect((await db.movies.list({ search: 'new one' })).movies).toHaveLength(1);
    } finally {
      await db.migrations.up();
    }
  });

  it('refuses mpa values while the mpa column is rolled back, and loads the rest', async () => {
    await db.migrations.down('add_mpa_column');
    try {
      const report = await importFile(db.movies, file('mpa.csv', 'title,year,directors,mpa\nRated,2001,X,R\nUnrated,2001,X,\n'), { skipInvalid: true });
      expect(report.rejections).toEqual([{ where: 'line 2', field: 'mpa', reason: 'this database has no mpa column yet (apply the add_mpa_column migration)' }]);
      expect(report.imported).toBe(1);
    } finally {
      await db.migrations.up();
    }
  });

  it.each(['csv', 'json'] as const)('%s: the import bar follows the bytes of rows done: the percentage matches the rows read, and 100 percent never shows while reading', async (format) => {
    const N = 100_000;
    // Rows of one length: the share of the file's bytes done is the share of its rows.
    const title = (i: number) => `Movie ${String(i).padStart(6, '0')}`;
    const text = format === 'csv'
      ? `title,year,directors\n${Array.from({ length: N }, (_, i) => `${title(i)},2000,Someone\n`).join('')}`
      : `[\n${Array.from({ length: N }, (_, i) => JSON.stringify({ title: title(i), year: 2000, directors: ['Someone'] })).join(',\n')}\n]\n`;
    const seen: ImportProgress[] = [];
    const report = await importFile(db.movies, file(`progress.${format}`, text), { dryRun: true, onProgress: (p) => seen.push({ ...p }) });
    expect(report).toMatchObject({ rows: N, valid: N });
    const reading = seen.filter((p) => p.phase === 'reading');
    expect(reading.length).toBeGreaterThan(1);
    for (const p of reading.slice(0, -1)) {
      expect(Math.abs(fractionDone(p)! - p.rows / N), `${p.rows} rows at ${p.bytes} bytes`).toBeLessThan(0.02);
      expect(progressLine(p)).not.toMatch(/100%/);
    }
    // The last call: the whole file read, every row counted; still not 100 % (nothing is written yet).
    expect(reading.at(-1)).toMatchObject({ rows: N, bytes: Buffer.byteLength(text), totalBytes: Buffer.byteLength(text) });
    expect(progressLine(reading.at(-1)!)).toMatch(/ 99% 100,000 rows/);
    expect(progressLine({ phase: 'writing', rows: N, bytes: 1, totalBytes: 1, seconds: 2 })).toMatch(/█ all 100,000 rows read · writing them to the table…$/);
  });

  it('streams a file of 60,000 rows (more than one chunk) and counts it exactly', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `Stream ${i},${1900 + (i % 100)},Director ${i % 50};Other,${i % 2 === 0},${i % 3 === 0 ? 'PG' : ''}`);
    const report = await importFile(db.movies, file('stream.csv', `title,year,directors,theatre,mpa\n${rows.join('\n')}\n`));
    expect(report).toMatchObject({ rows: 60_000, imported: 60_000, rejected: 0 });
    expect(await db.movies.count('stream 5999')).toEqual({ count: 11, exact: true });
    expect(await db.movies.get((await db.movies.list({ search: 'Stream 59999' })).movies[0]!.id)).toMatchObject({
      title: 'Stream 59999', year: 1999, directors: ['Director 49', 'Other'], theatre: false, mpa: null,
    });
    // A search with more than 10,000 matches stops counting there.
    expect(await db.movies.count('stream')).toEqual({ count: 10_000, exact: false, atLeast: true });
  });
});
