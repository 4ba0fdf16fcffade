/**
 * Fuzz test: 10,000 generated movies mixing every kind of odd text (valid and not) go through
 * validation, the store and both import formats; afterwards the database holds exactly the
 * valid, distinct ones, byte for byte, and the rows that were there before are untouched.
 * The seed is fixed (FUZZ_SEED=<n> tries another) and named in every failure.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { DuplicateMovieError, UserError, ValidationError } from '../src/db/errors.js';
import type { Movie, MovieInput } from '../src/db/types.js';
import { validateMovie, yearMax, type MovieData } from '../src/db/validation.js';
import { importFile } from '../src/transfer/importer.js';
import { MAX_ROW_BYTES } from '../src/transfer/textGuard.js';
import { COLUMNS, csvToInput, type CsvRecord } from '../src/transfer/records.js';
import { describeEachDatabase } from './support/databases.js';
import { rawSql } from './support/rawSql.js';

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_2024);
const COUNT = 10_000;
const STORE_SAMPLE = 300;

/** mulberry32: a tiny, good-enough PRNG, so a failure can be replayed from its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Stored exactly: emoji (joined, too), wide, combining, zero-width, right-to-left, SQL and CSV metacharacters.
const GOOD = ['Heat', 'the', 'Amélie', '千と千尋', '👨\u200d👩\u200d👧', '🎬', 'e\u0301', 'zero\u200bwidth', 'a\u200cb\u200dc', 'שלום', 'مرحبا', '\u200f', "'", '"', ';', ',', '--', '\\', '%', '_', "'); DROP TABLE movie;--", ' ', '  ', 'Ω', '\ufffd', '\uffff', 'ß', 'İ', 'ǅ', 'x'.repeat(30), 'TITLE', '\u2028', '\u2060'];
// Refused: control characters (NUL, escape sequences, tab, newlines, DEL, C1), lone surrogates, bidi controls, byte order marks.
const BAD = ['\0', '\x1b[2J', '\x1b[31m', '\x1b]0;t\x07', '\t', '\n', '\r\n', '\r', '\x7f', '\u0085', '\u009b', '\ud800', '\udfff', '\u202e', '\u2066', '\ufeff'];
const BAD_YEARS: unknown[] = [1877, yearMax() + 1, 99999, 'abc', 1999.5, null, '', '19\u00009'];
const GOOD_YEARS: unknown[] = ['1999', ' 2001 '];
const MPAS: unknown[] = ['G', 'pg', 'PG-13', 'r', 'NC-17', '', 'X', 'pg\x1b'];

/** ASCII letters swapped in case: a duplicate under any collation's lower(). */
const swapAscii = (s: string) => s.replace(/[a-zA-Z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
/** The key of the unique index (lower(title), year): generated titles differ only in ASCII case or in their ⟦n⟧ token. */
const keyOf = (m: MovieData) => `${m.title.replace(/[A-Z]/g, (c) => c.toLowerCase())}\u0000${m.year}`;
const fields = (m: MovieData | Movie): MovieData => ({ title: m.title, year: m.year, directors: m.directors, theatre: m.theatre, mpa: m.mpa ?? null });
const order = (a: MovieData, b: MovieData) => (a.title < b.title ? -1 : a.title > b.title ? 1 : a.year - b.year);

const SENTINELS: MovieData[] = [
  { title: 'Sentinel ⟦s1⟧', year: 1990, directors: ['Keeper'], theatre: true, mpa: null },
  { title: '千と千尋 🎬 ⟦s2⟧', year: 1991, directors: ["O'Brien \\ %"], theatre: false, mpa: 'PG' },
  { title: "'); DROP TABLE movie;-- ⟦s3⟧", year: 1992, directors: ['שלום', 'e\u0301'], theatre: true, mpa: 'R' },
];

function generate(seed: number): MovieInput[] {
  const rnd = mulberry32(seed);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const text = (pieces: number, badChance: number) => Array.from({ length: pieces }, () => (rnd() < badChance ? pick(BAD) : pick(GOOD))).join('');
  const inputs: MovieInput[] = [];
  for (let i = 0; i < COUNT; i++) {
    const r = rnd();
    if (i > 0 && r < 0.05) {
      inputs.push({ ...inputs[Math.floor(rnd() * i)]! });
      continue;
    }
    if (i > 0 && r < 0.08) {
      const earlier = inputs[Math.floor(rnd() * i)]!;
      inputs.push({ ...earlier, title: typeof earlier.title === 'string' ? swapAscii(earlier.title) : earlier.title });
      continue;
    }
    if (r < 0.09) {
      inputs.push({ ...pick(SENTINELS) });
      continue;
    }
    // Every other title carries its own token, so distinct inputs are distinct movies.
    const long = rnd() < 0.05 ? 'L'.repeat(60 + Math.floor(rnd() * 300)) : '';
    const title = `${text(Math.floor(rnd() * 4), 0.12)}${long}⟦${i}⟧${text(Math.floor(rnd() * 2), 0.12)}`;
    const directorCount = rnd() < 0.04 ? 0 : 1 + Math.floor(rnd() * 3);
    const directors = Array.from({ length: directorCount }, () => (rnd() < 0.03 ? ' ' : `${text(1 + Math.floor(rnd() * 2), 0.06)}${rnd() < 0.02 ? 'D'.repeat(120) : ''}`));
    const year = rnd() < 0.06 ? pick(BAD_YEARS) : rnd() < 0.05 ? pick(GOOD_YEARS) : 1878 + Math.floor(rnd() * (yearMax() - 1878 + 1));
    const theatre = rnd() < 0.1 ? undefined : rnd() < 0.03 ? 'maybe' : rnd() < 0.5;
    const mpa = rnd() < 0.5 ? null : pick(MPAS);
    inputs.push({ title, year, directors, theatre, mpa });
  }
  return inputs;
}

const INPUTS = generate(SEED);
// Pastes far beyond any limit: validated and sent to the store, too big to be a row of a file.
const GIANTS: MovieInput[] = ['x', '🎬', '\x1b[2J'].map((unit, i) => ({ title: unit.repeat(100_000), year: 2000 + i, directors: ['Paste'] }));
const say = (what: string) => `${what} (seed ${SEED}; rerun with FUZZ_SEED=${SEED})`;

/** The movies an import should add: the valid rows, first of each title and year, not already stored. */
function expectedImport(rows: MovieInput[]): { added: MovieData[]; valid: number; rejected: number } {
  const seen = new Set(SENTINELS.map(keyOf));
  const added: MovieData[] = [];
  let valid = 0;
  for (const row of rows) {
    const result = validateMovie(row);
    if (!result.ok) continue;
    valid++;
    const key = keyOf(result.value);
    if (seen.has(key)) continue;
    seen.add(key);
    added.push(result.value);
  }
  return { added, valid, rejected: rows.length - valid };
}

/** A CSV file's text as UTF-8 bytes hold it: a lone surrogate becomes U+FFFD when written. */
const asWritten = (s: string) => s.replace(/\p{Cs}/gu, '\ufffd');
function csvRecord(m: MovieInput): CsvRecord {
  const text = (v: unknown) => asWritten(v === undefined || v === null ? '' : String(v));
  return { title: text(m.title), year: text(m.year), directors: Array.isArray(m.directors) ? text(m.directors.join(';')) : '', theatre: text(m.theatre), mpa: text(m.mpa) };
}

describe(`fuzzed validation (seed ${SEED})`, () => {
  it('generates at least 10,000 inputs, with plenty both accepted and refused', () => {
    const results = [...INPUTS, ...GIANTS].map((m) => validateMovie(m));
    const accepted = results.filter((r) => r.ok).length;
    expect(results.length).toBeGreaterThanOrEqual(10_000);
    expect(accepted, say('accepted')).toBeGreaterThan(2000);
    expect(results.length - accepted, say('refused')).toBeGreaterThan(2000);
  });

  it('accepts nothing a terminal would act on, and refuses with a one-line message per field', () => {
    for (const input of [...INPUTS, ...GIANTS]) {
      const result = validateMovie(input);
      if (result.ok) {
        for (const text of [result.value.title, ...result.value.directors]) {
          expect(text, say(JSON.stringify(text))).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]|\p{Cs}/u);
          expect(text.trim(), say(JSON.stringify(text))).toBe(text);
        }
        expect([...result.value.title].length).toBeLessThanOrEqual(80);
      } else {
        for (const issue of result.issues) expect(issue.message, say(JSON.stringify(input))).toMatch(/^[^\n]{1,200}$/);
      }
    }
  });
});

describeEachDatabase(`fuzzed store and import (seed ${SEED})`, (testDb) => {
  let db: Database;
  const dir = mkdtempSync(join(tmpdir(), 'movies-tui-fuzz-'));
  let sentinels: Movie[];
  beforeAll(async () => {
    db = await testDb.open();
    await db.migrations.up();
    for (const m of SENTINELS) await db.movies.create(m);
    sentinels = await everything();
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every row, page by page, as the app reads them. */
  async function everything(): Promise<Movie[]> {
    const rows: Movie[] = [];
    for (;;) {
      const page = await db.movies.list({ sort: 'id', limit: 1000, after: rows.length ? db.movies.cursorOf(rows.at(-1)!, 'id') : undefined });
      rows.push(...page.movies);
      if (!page.more) return rows;
    }
  }
  /** The sentinels are exactly as they were; returns the other rows. */
  async function afterSentinels(): Promise<MovieData[]> {
    const rows = await everything();
    expect(rows.slice(0, sentinels.length), say('sentinel rows')).toEqual(sentinels);
    return rows.slice(sentinels.length).map(fields);
  }
  const clear = () => rawSql(db, `delete from movie where id > ?`, [sentinels.at(-1)!.id]);

  it('the store saves each accepted movie exactly, refuses the others with a UserError, and says so for duplicates', async () => {
    const sample = [...INPUTS.filter((_, i) => i % Math.floor(COUNT / STORE_SAMPLE) === 0), ...GIANTS];
    const seen = new Set(SENTINELS.map(keyOf));
    const stored: MovieData[] = [];
    for (const input of sample) {
      const result = validateMovie(input);
      const attempt = db.movies.create(input).then(
        (movie) => ({ movie }),
        (err: unknown) => ({ err }),
      );
      const outcome = await attempt;
      const what = say(JSON.stringify(input).slice(0, 300));
      if (!result.ok) {
        expect('err' in outcome && outcome.err, what).toBeInstanceOf(ValidationError);
      } else if (seen.has(keyOf(result.value))) {
        expect('err' in outcome && outcome.err, what).toBeInstanceOf(DuplicateMovieError);
      } else {
        if ('err' in outcome) throw new Error(`${what}: ${String(outcome.err)}`);
        expect(fields(outcome.movie), what).toEqual(result.value);
        expect(fields(await db.movies.get(outcome.movie.id)), what).toEqual(result.value);
        seen.add(keyOf(result.value));
        stored.push(result.value);
      }
      if ('err' in outcome) expect(outcome.err, what).toBeInstanceOf(UserError);
    }
    expect(stored.length, say('stored')).toBeGreaterThan(50);
    expect(await afterSentinels()).toEqual(stored);
    await clear();
  });

  it('importing all of them as JSON, skipping the invalid, stores exactly the valid distinct ones', async () => {
    const path = join(dir, 'fuzz.json');
    writeFileSync(path, JSON.stringify(INPUTS));
    const expected = expectedImport(INPUTS);
    const report = await importFile(db.movies, path, { skipInvalid: true });
    const stored = await afterSentinels().finally(clear);
    expect(report, say('report')).toMatchObject({ rows: INPUTS.length, valid: expected.valid, rejected: expected.rejected, imported: expected.added.length, written: true });
    expect(stored.sort(order), say('stored rows')).toEqual([...expected.added].sort(order));
  });

  it('importing all of them as CSV, skipping the invalid, stores exactly the valid distinct ones', async () => {
    // A raw NUL byte makes the whole file refused (tested elsewhere): those rows are left out.
    const rows = INPUTS.map(csvRecord).filter((r) => !Object.values(r).some((v) => v.includes('\0')));
    expect(rows.length).toBeGreaterThan(9000);
    expect(Math.max(...rows.map((r) => Buffer.byteLength(Object.values(r).join(','))))).toBeLessThan(MAX_ROW_BYTES);
    const path = join(dir, 'fuzz.csv');
    writeFileSync(path, stringify(rows, { header: true, columns: [...COLUMNS], quoted: true }));
    const expected = expectedImport(rows.map((r) => csvToInput(r)));
    const report = await importFile(db.movies, path, { skipInvalid: true });
    expect(report, say('report')).toMatchObject({ rows: rows.length, valid: expected.valid, rejected: expected.rejected, imported: expected.added.length, written: true });
    expect((await afterSentinels()).sort(order), say('stored rows')).toEqual([...expected.added].sort(order));
  });
});
