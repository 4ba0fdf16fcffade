import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../../src/transfer/importer.js';
import { dataReducer, initialData, isRunning, type DataAction, type DataState } from '../../../../src/ui/screens/data/state.js';

const report = (valid: number, rejected = 0): ImportReport => ({
  file: '/m.csv', format: 'csv', dryRun: true, rows: valid + rejected, valid, imported: 0, duplicates: 0, rejected, written: false, rejections: [], seconds: 0,
});
const run = (...actions: DataAction[]) => actions.reduce<DataState>(dataReducer, initialData());

describe('the Data screen flow', () => {
  it('import: asks for a file starting in the working directory, checks it, shows the report, imports on confirm', () => {
    let s = run({ type: 'askImport', cwd: '/home/ann' });
    expect(s.phase).toEqual({ kind: 'importPath', path: '/home/ann/' });
    s = dataReducer(s, { type: 'typePath', path: '/home/ann/m.csv' });
    s = dataReducer(s, { type: 'submitPath', path: '/home/ann/m.csv', exists: true });
    expect(s.phase).toEqual({ kind: 'validating', path: '/home/ann/m.csv' });
    expect(isRunning(s.phase)).toBe(true);
    s = dataReducer(s, { type: 'validated', report: report(3, 1) });
    expect(s.phase.kind).toBe('report');
    s = dataReducer(s, { type: 'confirmImport' });
    expect(s.phase).toMatchObject({ kind: 'importing', path: '/home/ann/m.csv' });
    s = dataReducer(s, { type: 'finished', ok: true, text: 'imported 3, skipped 0 duplicates, rejected 1' });
    expect(s).toMatchObject({ phase: { kind: 'idle' }, last: { ok: true, text: 'imported 3, skipped 0 duplicates, rejected 1' } });
  });

  it('the next export offers the file chosen last, not the start directory again (and import likewise)', () => {
    let s = run({ type: 'askExport', cwd: '/home/ann/checkout' }, { type: 'typePath', path: '/tmp/out/all.json' }, { type: 'submitPath', path: '/tmp/out/all.json', exists: false });
    s = dataReducer(s, { type: 'exported', rows: 7 });
    s = dataReducer(s, { type: 'askExport', cwd: '/home/ann/checkout' });
    expect(s.phase).toEqual({ kind: 'exportPath', path: '/tmp/out/all.json' });
    s = dataReducer(s, { type: 'cancel' });
    // A failed or cancelled run keeps what was chosen too.
    s = run({ type: 'askImport', cwd: '/home/ann' }, { type: 'submitPath', path: '/data/m.csv', exists: true }, { type: 'finished', ok: false, text: 'cancelled' }, { type: 'askImport', cwd: '/home/ann' });
    expect(s.phase).toEqual({ kind: 'importPath', path: '/data/m.csv' });
    // A path refused (no such file) is not remembered.
    s = run({ type: 'askImport', cwd: '/home/ann' }, { type: 'submitPath', path: '/nope.csv', exists: false }, { type: 'cancel' }, { type: 'askImport', cwd: '/home/ann' });
    expect(s.phase).toEqual({ kind: 'importPath', path: '/home/ann/' });
  });

  it('refuses a name without .csv or .json, and a missing file, and stays at the prompt with the reason', () => {
    let s = run({ type: 'askImport', cwd: '/x' }, { type: 'typePath', path: '/x/notes.txt' }, { type: 'submitPath', path: '/x/notes.txt', exists: true });
    expect(s.phase).toEqual({ kind: 'importPath', path: '/x/notes.txt', error: 'name a .csv or .json file' });
    s = dataReducer(s, { type: 'typePath', path: '/x/gone.json' });
    expect(s.phase).toEqual({ kind: 'importPath', path: '/x/gone.json' }); // typing clears the reason
    s = dataReducer(s, { type: 'submitPath', path: '/x/gone.json', exists: false });
    expect(s.phase).toMatchObject({ kind: 'importPath', error: 'no such file' });
  });

  it('a report with nothing valid cannot be confirmed; cancelling it returns to idle', () => {
    let s = run({ type: 'askImport', cwd: '/' }, { type: 'submitPath', path: '/m.csv', exists: true }, { type: 'validated', report: report(0, 4) });
    expect(dataReducer(s, { type: 'confirmImport' })).toBe(s);
    s = dataReducer(s, { type: 'cancel' });
    expect(s.phase).toEqual({ kind: 'idle' });
  });

  it('export: suggests movies.csv, asks before replacing a file, and reports the count', () => {
    let s = run({ type: 'askExport', cwd: '/home/ann' });
    expect(s.phase).toEqual({ kind: 'exportPath', path: '/home/ann/movies.csv' });
    s = dataReducer(s, { type: 'submitPath', path: '/home/ann/movies.csv', exists: true });
    expect(s.phase).toEqual({ kind: 'overwrite', path: '/home/ann/movies.csv' });
    expect(dataReducer(s, { type: 'cancel' }).phase).toEqual({ kind: 'idle' });
    s = dataReducer(s, { type: 'confirmOverwrite' });
    s = dataReducer(s, { type: 'exportProgress', rows: 1000 });
    expect(s.phase).toEqual({ kind: 'exporting', path: '/home/ann/movies.csv', rows: 1000 });
    s = dataReducer(s, { type: 'exported', rows: 1234 });
    expect(s.last).toEqual({ ok: true, text: 'exported 1,234 movies to /home/ann/movies.csv' });
  });

  it('one thing at a time: while something runs, seed, import and export are ignored, and Esc does not drop the work', () => {
    const s = run({ type: 'seed' });
    expect(s.phase.kind).toBe('seeding');
    for (const a of [{ type: 'seed' }, { type: 'askImport', cwd: '/' }, { type: 'askExport', cwd: '/' }, { type: 'cancel' }] as DataAction[]) {
      expect(dataReducer(s, a)).toBe(s);
    }
  });

  it('progress updates only the running step', () => {
    const progress = { phase: 'reading' as const, rows: 10, bytes: 100, totalBytes: 1000, seconds: 1 };
    expect(dataReducer(initialData(), { type: 'progress', progress })).toEqual(initialData());
    const s = run({ type: 'askImport', cwd: '/' }, { type: 'submitPath', path: '/m.csv', exists: true }, { type: 'progress', progress });
    expect(s.phase).toEqual({ kind: 'validating', path: '/m.csv', progress });
  });
});
