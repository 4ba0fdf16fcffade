// Import and export follow the project's model: its other columns in the CSV header and the
// JSON keys, bulk-loaded with their SQL types; a file without an optional column is fine (the
// column's default, or empty), a required one missing is an error naming it. Both databases.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Database } from '../src/db/database.js';
import { exportFile } from '../src/transfer/exporter.js';
import { importFile } from '../src/transfer/importer.js';
import { describeEachDatabase } from './support/databases.js';
import { projectWithColumns } from './support/project.js';

const dir = mkdtempSync(join(tmpdir(), 'movies-tui-transfer-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describeEachDatabase('import and export with extra model columns', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    const { target } = await projectWithColumns(testDb.target, [
      'runtime: p.integer().nullable(),',
      'released: p.date().nullable(),',
      "studio: p.string().length(30).default('indie'),",
      'genres: p.array().nullable(),',
    ]);
    db = await Database.open(target);
  }, 180_000);
  afterAll(() => db?.close());

  it('imports a CSV that has some of the extra columns: the others take their default or stay empty', async () => {
    const csv = file('a.csv', 'title,year,directors,Runtime,genres\nHeat,1995,Michael Mann,170,crime; drama\nRonin,1998,John Frankenheimer,,\n');
    const report = await importFile(db.movies, csv);
    expect(report).toMatchObject({ rows: 2, imported: 2, rejected: 0, written: true });
    const movies = (await db.movies.list({ sort: 'title' })).movies;
    expect(movies.map((m) => [m.title, m.extra])).toEqual([
      ['Heat', { runtime: 170, released: null, studio: 'indie', genres: ['crime', 'drama'] }],
      ['Ronin', { runtime: null, released: null, studio: 'indie', genres: null }],
    ]);
  });

  it('imports JSON whose elements give different extra keys; a bad value is rejected by column', async () => {
    const json = file('b.json', JSON.stringify([
      { title: 'Thief', year: 1981, directors: ['Michael Mann'], released: '1981-03-27', studio: 'UA' },
      { title: 'Manhunter', year: 1986, directors: ['Michael Mann'], runtime: 120 },
    ]));
    expect(await importFile(db.movies, json)).toMatchObject({ imported: 2, rejected: 0 });
    const byTitle = async (t: string) => (await db.movies.list({ search: t })).movies[0]!.extra;
    expect(await byTitle('Thief')).toEqual({ runtime: null, released: '1981-03-27', studio: 'UA', genres: null });
    expect(await byTitle('Manhunter')).toEqual({ runtime: 120, released: null, studio: 'indie', genres: null });
    const bad = await importFile(db.movies, file('c.json', JSON.stringify([{ title: 'Ali', year: 2001, directors: ['Michael Mann'], runtime: 'long', released: '2001-02-30' }])));
    expect(bad.rejections).toEqual([
      { where: 'index 0', field: 'runtime', reason: 'must be a whole number (such as 142)' },
      { where: 'index 0', field: 'released', reason: 'must be a date as YYYY-MM-DD (such as 1994-10-14)' },
    ]);
    expect(bad.written).toBe(false);
  });

  it('exports the extra columns in the CSV header and as JSON keys, and the export imports back', async () => {
    const csv = join(dir, 'out.csv');
    await exportFile(db.movies, csv, { format: 'csv' });
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('title,year,directors,theatre,mpa,runtime,released,studio,genres');
    expect(lines).toContain('Heat,1995,Michael Mann,true,,170,,indie,crime; drama');
    const json = join(dir, 'out.json');
    await exportFile(db.movies, json, { format: 'json' });
    const rows = JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>[];
    expect(rows.find((r) => r.title === 'Thief')).toEqual({ title: 'Thief', year: 1981, directors: ['Michael Mann'], theatre: true, mpa: null, runtime: null, released: '1981-03-27', studio: 'UA', genres: null });
    // Importing the export again finds every movie already there.
    expect(await importFile(db.movies, csv)).toMatchObject({ rows: 4, valid: 4, imported: 0, duplicates: 4 });
  });
});

describeEachDatabase('import with a required extra column', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    const { target } = await projectWithColumns(testDb.target, ['studio: p.text(),']);
    db = await Database.open(target);
  }, 180_000);
  afterAll(() => db?.close());

  it('a CSV header without it is an error naming it; a JSON element without it is rejected', async () => {
    await expect(importFile(db.movies, file('r.csv', 'title,year,directors\nHeat,1995,Michael Mann\n'))).rejects.toThrow(
      'the header has no studio column: expected a header line with title,year,directors,studio and optionally theatre,mpa',
    );
    const report = await importFile(db.movies, file('r.json', JSON.stringify([{ title: 'Heat', year: 1995, directors: ['Michael Mann'] }])));
    expect(report.rejections).toEqual([{ where: 'index 0', field: 'studio', reason: 'is required' }]);
    expect(await importFile(db.movies, file('ok.csv', 'title,year,directors,studio\nHeat,1995,Michael Mann,Warner\n'))).toMatchObject({ imported: 1 });
    expect((await db.movies.list()).movies[0]!.extra).toEqual({ studio: 'Warner' });
  });
});
