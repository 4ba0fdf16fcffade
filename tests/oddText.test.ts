import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { UserError, ValidationError } from '../src/db/errors.js';
import type { Movie } from '../src/db/types.js';
import { cleanEnv, run } from './support/cli.js';
import { describeEachDatabase, type TestDatabase } from './support/databases.js';
import { rawSql } from './support/rawSql.js';

const ESC = '\x1b';

// Text that is stored exactly as given: read back, it is the same string.
const STORED: { title: string; directors: string[] }[] = [
  { title: '👨\u200d👩\u200d👧 Family 🎬', directors: ['🧑\u200d🎤 Star'] },
  { title: '千と千尋の神隠し', directors: ['宮崎駿'] },
  { title: 'Ame\u0301lie e\u0301', directors: ['Jean-Pierre Jeunet'] },
  { title: 'zero\u200bwidth\u200cnon\u200djoiner\u2060word joiner', directors: ['Z\u200bW'] },
  { title: 'שלום עולם \u200f!', directors: ['עמוס גיתאי'] },
  { title: 'الرسالة', directors: ['مصطفى العقاد'] },
  { title: `Robert'); DROP TABLE movie;--`, directors: [`O'Brien`] },
  { title: '100% "quoted" \\ back\\slash _under_', directors: ['%_\\ "x"'] },
  { title: '\ufffd literal replacement', directors: ['U+FFFF \uffff'] },
];

// Text that is refused, and the start of what the user is told.
const REFUSED: { title: string; says: string }[] = [
  { title: `${ESC}[2J${ESC}[31mRED`, says: 'title: must not contain control characters (found U+001B ESC' },
  { title: 'nul\0byte', says: 'title: must not contain control characters (found U+0000 NUL)' },
  { title: 'lone \ud800 surrogate', says: 'title: must not contain unpaired UTF-16 surrogates' },
  { title: '\u202Eevil', says: 'title: must not contain bidirectional control characters (found U+202E' },
  { title: 'byte order\ufeffmark', says: 'title: must not contain U+FEFF, a byte order mark' },
  { title: 'x'.repeat(100_000), says: 'title: must be at most 80 characters' },
];

const cliTarget = (t: TestDatabase) => (t.target.kind === 'embedded' ? ['--data-dir', t.target.dataDir] : ['--database-url', t.target.url]);

describeEachDatabase('odd text', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb.open();
    await db.migrations.up();
  });
  afterAll(() => db?.close());

  const everything = async () => (await db.movies.list({ sort: 'id', limit: 1000 })).movies;

  it('titles and directors with emoji, wide, combining, zero-width, right-to-left and SQL characters are stored exactly', async () => {
    for (const [i, m] of STORED.entries()) {
      const created = await db.movies.create({ ...m, year: 2000 + i });
      expect(created).toMatchObject(m);
      expect(await db.movies.get(created.id)).toMatchObject(m);
    }
    expect((await everything()).map((m) => m.title)).toEqual(STORED.map((m) => m.title));
  });

  it('searching for odd text finds it literally: % _ and \\ are not wildcards', async () => {
    const titles = async (search: string) => (await db.movies.list({ search, limit: 100 })).movies.map((m) => m.title);
    expect(await titles('100%')).toEqual([STORED[7]!.title]);
    expect(await titles('_under_')).toEqual([STORED[7]!.title]);
    expect(await titles('\\')).toEqual([STORED[7]!.title]);
    expect(await titles('千尋')).toEqual([STORED[1]!.title]);
    expect(await titles('עולם')).toEqual([STORED[4]!.title]);
    expect(await titles("'); DROP")).toEqual([STORED[6]!.title]);
  });

  it('a search containing NUL finds nothing instead of failing in the driver', async () => {
    expect((await db.movies.list({ search: 'a\0b' })).movies).toEqual([]);
    expect((await db.movies.count('a\0b')).count).toBe(0);
  });

  it('escape sequences, NUL, lone surrogates, bidi overrides and 100,000-character titles are refused with a clear message and change nothing', async () => {
    const before = await everything();
    const [victim] = before;
    for (const { title, says } of REFUSED) {
      const create = db.movies.create({ title, year: 2001, directors: ['Someone'] });
      await expect(create).rejects.toBeInstanceOf(ValidationError);
      await expect(create).rejects.toThrow(says);
      await expect(db.movies.update(victim!.id, { title })).rejects.toThrow(says);
      await expect(db.movies.create({ title: 'Fine', year: 2001, directors: [title] })).rejects.toBeInstanceOf(UserError);
    }
    expect(await everything()).toEqual(before);
  });

  it('rows written past the app (psql, older versions) with escapes and bidi controls are listed by the CLI inert', async () => {
    await rawSql(db, `insert into movie (title, year, directors, theatre) values (?, 1999, array[?], true), (?, 1998, array[?], false)`, [
      `${ESC}[2J${ESC}[31mRED`,
      [`${ESC}]0;pwned\x07`],
      '\u202Eevil',
      ['\u009b31mC1'],
    ]);
    const stored = (await everything()).slice(-2);
    await db.close();
    try {
      const env = cleanEnv();
      const list = await run([...cliTarget(testDb), 'list', '--search', 'RED'], env);
      expect(list.stderr).toBe('');
      expect(list.stdout).toContain('␛[2J␛[31mRED');
      expect(list.stdout).toContain('␛]0;pwned␇');
      const all = await run([...cliTarget(testDb), 'list', '--sort', 'year'], env);
      expect(all.stdout).toContain('<U+202E>evil');
      expect(all.stdout).toContain('<U+009B>31mC1');
      const show = await run([...cliTarget(testDb), 'show', String((stored[0] as Movie).id)], env);
      expect(show.stdout).toContain('title:     ␛[2J␛[31mRED');
      for (const out of [list.stdout, all.stdout, show.stdout]) expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
      // JSON keeps the data exact (escaped), for programs.
      const json = JSON.parse((await run([...cliTarget(testDb), 'list', '--json', '--sort', 'year'], env)).stdout) as Movie[];
      expect(json.map((m) => m.title)).toContain(`${ESC}[2J${ESC}[31mRED`);
    } finally {
      db = await testDb.open();
    }
  });
});
