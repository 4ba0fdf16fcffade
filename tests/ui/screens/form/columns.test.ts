// The form over a model's own columns (a project's runtime, budget, …): the fields, their rules
// and what a save sends, as pure state.
import { describe, expect, it } from 'vitest';
import type { ModelColumn } from '../../../../src/db/columns.js';
import { accepts, extraMax, hintOf } from '../../../../src/ui/screens/form/extras.js';
import { check, errorsByField, fieldKey, fields, focused, formReducer, initialForm, isDirty, toInput, type FormAction, type FormState } from '../../../../src/ui/screens/form/state.js';
import { rowWindow as windowOf } from '../../../../src/ui/rowWindow.js';
import { defaultText } from '../../../../src/ui/screens/form/values.js';

const run = (s: FormState, ...actions: FormAction[]) => actions.reduce(formReducer, s);

const runtime: ModelColumn = { name: 'runtime', kind: 'integer', nullable: true };
const budget: ModelColumn = { name: 'budget', kind: 'numeric', precision: 10, scale: 2, nullable: true };
const released: ModelColumn = { name: 'released', kind: 'date', nullable: true };
const tags: ModelColumn = { name: 'tags', kind: 'text[]', nullable: true };
const color: ModelColumn = { name: 'color', kind: 'boolean', nullable: false, default: 'false' };
const code: ModelColumn = { name: 'code', kind: 'varchar', length: 4, nullable: false };
const added: ModelColumn = { name: 'added', kind: 'timestamp', nullable: false, default: 'now()' };
const COLUMNS = [runtime, budget, released, tags, color, code, added];

const heat = { id: 7, title: 'Heat', year: 1995, directors: ['Michael Mann'], theatre: true, mpa: 'R', version: 1, extra: { runtime: 170, budget: '60000000.00', released: '1995-12-15', tags: ['crime', 'LA'], color: true, code: 'HEAT', added: '2024-01-02 03:04:05' } };
const ok = (s: FormState): FormState => run(s, { type: 'title', value: 'Heat' }, { type: 'year', value: '1995' }, { type: 'item', list: 'directors', index: 0, value: 'Michael Mann' }, { type: 'extra', name: 'code', value: 'HT' });

describe('the form over the model’s own columns', () => {
  it('has a field for each after the course’s, a text[] column an entry each, in model order', () => {
    const s = initialForm(heat, true, COLUMNS);
    expect(fields(s).map(fieldKey)).toEqual([
      'title', 'year', 'directors[0]', 'theatre', 'mpa',
      'extra.runtime', 'extra.budget', 'extra.released', 'extra.tags[0]', 'extra.tags[1]', 'extra.color', 'extra.code', 'extra.added',
    ]);
    // The stored values as the form edits them: text, a list, yes/no.
    expect(s.extra).toEqual({ runtime: '170', budget: '60000000.00', released: '1995-12-15', tags: ['crime', 'LA'], color: 'yes', code: 'HEAT', added: '2024-01-02 03:04:05' });
    expect(isDirty(s)).toBe(false);
    // Without model columns the form is the course's, as before.
    expect(fields(initialForm(heat, true)).map(fieldKey)).toEqual(['title', 'year', 'directors[0]', 'theatre', 'mpa']);
  });

  it('starts a new movie with the model’s defaults where they are values, and leaves computed ones to the database', () => {
    const s = initialForm(undefined, true, COLUMNS);
    expect(s.extra).toMatchObject({ runtime: '', color: 'no', added: '', tags: [''] });
    expect(defaultText({ name: 'n', kind: 'integer', nullable: false, default: '0' })).toBe('0');
    expect(defaultText({ name: 'n', kind: 'text', nullable: false, default: "'it''s'::text" })).toBe("it's");
    const input = toInput(ok(s));
    // added (default now()) is left out, so the database fills it in; the rest is sent as typed.
    expect(input.extra).toEqual({ runtime: '', budget: '', released: '', tags: [''], color: 'no', code: 'HT' });
    expect(check(ok(s))).toEqual({});
  });

  it('checks each column by its type, filing problems under the column’s field', () => {
    const s = run(ok(initialForm(undefined, true, COLUMNS)),
      { type: 'extra', name: 'runtime', value: '2h' },
      { type: 'extra', name: 'budget', value: '1.234' },
      { type: 'extra', name: 'released', value: '1995-02-30' },
      { type: 'item', list: 'tags', index: 0, value: 'a;b' },
      { type: 'extra', name: 'code', value: '' },
    );
    expect(check(s)).toEqual({
      'extra.runtime': 'must be a whole number (such as 142)',
      'extra.budget': 'must have at most 2 digits after the point',
      'extra.released': 'must be a date as YYYY-MM-DD (such as 1994-10-14)',
      'extra.tags': 'must not contain ";" (it separates items in CSV files)',
      'extra.code': 'is required',
    });
    // Text follows the title's rules: no control characters.
    expect(check(run(ok(initialForm(undefined, true, [{ name: 'note', kind: 'text', nullable: true }])), { type: 'extra', name: 'note', value: 'a\u001b[2Jb' }))['extra.note']).toMatch(/control characters/);
    // A stored column that may not be null cannot be emptied, even one with a default.
    const edited = run(initialForm(heat, true, COLUMNS), { type: 'extra', name: 'added', value: '' });
    expect(check(edited)).toEqual({ 'extra.added': 'is required' });
  });

  it('toggles a yes/no column with Space: yes and no, and none too when it may be null', () => {
    let s = run(initialForm(heat, true, COLUMNS), { type: 'focus', field: 'extra.color' });
    expect(focused(s)).toMatchObject({ kind: 'extra', column: { name: 'color' } });
    s = run(s, { type: 'toggle' });
    expect(s.extra.color).toBe('no');
    expect(run(s, { type: 'toggle' }).extra.color).toBe('yes');
    const maybe: ModelColumn = { name: 'seen', kind: 'boolean', nullable: true };
    let t = run(initialForm(undefined, true, [maybe]), { type: 'focus', field: 'extra.seen' });
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) seen.push(String((t = run(t, { type: 'toggle' })).extra.seen));
    expect(seen).toEqual(['yes', 'no', '']);
    // Space on the theatre field still toggles theatre, and nothing else.
    const u = run(initialForm(heat, true, COLUMNS), { type: 'focus', field: 'theatre' }, { type: 'toggle' });
    expect(u.theatre).toBe(false);
    expect(u.extra.color).toBe('yes');
  });

  it('edits a text[] column with the directors’ list keys, and the directors stay as they were', () => {
    let s = run(initialForm(heat, true, COLUMNS), { type: 'focus', field: 'extra.tags[1]' }, { type: 'addItem' }, { type: 'item', list: 'tags', index: 2, value: 'heist' });
    expect(s.extra.tags).toEqual(['crime', 'LA', 'heist']);
    expect(fieldKey(focused(s))).toBe('extra.tags[2]');
    s = run(s, { type: 'moveItem', by: -1 });
    expect(s.extra.tags).toEqual(['crime', 'heist', 'LA']);
    expect(fieldKey(focused(s))).toBe('extra.tags[1]');
    s = run(s, { type: 'removeItem' }, { type: 'removeItem' }, { type: 'removeItem' });
    expect(s.extra.tags).toEqual(['']);
    expect(s.directors).toEqual(['Michael Mann']);
    // A whole-list problem lands on its first entry's field.
    expect(fieldKey(focused(run(s, { type: 'focus', field: 'extra.tags' })))).toBe('extra.tags[0]');
  });

  it('files the store’s problems under the column’s field, whether it names the column plainly or as extra.<name>', () => {
    const s = initialForm(heat, true, COLUMNS);
    expect(errorsByField(s, [
      { field: 'runtime', message: 'must be a whole number' },
      { field: 'extra.budget', message: 'too big' },
      { field: 'tags[1]', message: 'bad' },
      { field: 'title', message: 'is required' },
    ])).toEqual({ 'extra.runtime': 'must be a whole number', 'extra.budget': 'too big', 'extra.tags[1]': 'bad', title: 'is required' });
  });

  it('follows a change of the columns (a migration applied meanwhile), keeping what was typed and the focus', () => {
    let s = run(initialForm(heat, true, [runtime]), { type: 'extra', name: 'runtime', value: '171' }, { type: 'focus', field: 'extra.runtime' });
    s = run(s, { type: 'columns', columns: [runtime, released] });
    expect(s.extra).toEqual({ runtime: '171', released: '1995-12-15' });
    expect(fieldKey(focused(s))).toBe('extra.runtime');
    // The new column alone is no edit; the typed runtime is.
    expect(isDirty(run(s, { type: 'extra', name: 'runtime', value: '170' }))).toBe(false);
    s = run(s, { type: 'errors', errors: { 'extra.runtime': 'x', title: 'y' } }, { type: 'columns', columns: [released] });
    expect(s.extra).toEqual({ released: '1995-12-15' });
    expect(s.errors).toEqual({ title: 'y' });
    expect(fieldKey(focused(s))).toBe('extra.released');
  });

  it('number, date and time fields take no letters; each field stops at its length', () => {
    expect(accepts(runtime, '-142')).toBe(true);
    expect(accepts(runtime, '14a')).toBe(false);
    expect(accepts(budget, '12.50')).toBe(true);
    expect(accepts(budget, '12,50')).toBe(false);
    expect(accepts(released, '1995-12-15')).toBe(true);
    expect(accepts(released, 'Dec 15')).toBe(false);
    expect(accepts(added, '2024-01-02 03:04')).toBe(true);
    expect(accepts({ name: 'note', kind: 'text', nullable: true }, 'anything at all')).toBe(true);
    expect(extraMax(code)).toBe(4);
    expect(extraMax(budget)).toBe(12);
    expect(hintOf(released)).toBe('YYYY-MM-DD');
    expect(hintOf(added)).toBe('YYYY-MM-DD HH:MM; default now()');
  });
});

describe('the form’s rows on a short screen', () => {
  it('shows every row when they fit, else the ones around the focus with a line for what is cut', () => {
    expect(windowOf([1, 1, 1], 2, 5)).toEqual({ start: 0, end: 3 });
    const twenty = Array<number>(20).fill(1);
    expect(windowOf(twenty, 0, 10)).toEqual({ start: 0, end: 8 });
    const middle = windowOf(twenty, 12, 10);
    expect(middle.end - middle.start).toBe(8);
    expect(middle.start).toBeLessThanOrEqual(12);
    expect(middle.end).toBeGreaterThan(12);
    expect(windowOf(twenty, 19, 10)).toEqual({ start: 12, end: 20 });
    // The MPA picker open (6 lines) still fits with the focus on it.
    const picker = windowOf([1, 1, 1, 1, 1, 6, 1, 1], 5, 9);
    expect(picker.start).toBeLessThanOrEqual(5);
    expect(picker.end).toBeGreaterThan(5);
  });
});
