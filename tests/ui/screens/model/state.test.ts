import { describe, expect, it } from 'vitest';
import { compare } from '../../../../src/db/model.js';
import type { ColumnInfo, ModelState } from '../../../../src/db/types.js';
import { columnOf, differenceText, initialModel, modelReducer, type ModelAction, type ModelScreenState } from '../../../../src/ui/screens/model/state.js';

const live = (name: string, type: string, nullable = false, dflt: string | null = null): ColumnInfo => ({ name, type, nullable, default: dflt });
const model: ModelState = {
  file: 'model/movie.ts',
  path: '/p/model/movie.ts',
  table: true,
  columns: compare(
    [
      { name: 'id', type: 'int', nullable: false },
      { name: 'title', type: 'varchar(80)', nullable: false },
      { name: 'runtime', type: 'int', nullable: true },
    ],
    [live('id', 'integer', false, "nextval('movie_id_seq'::regclass)"), live('title', 'character varying(80)')],
  ),
};
const run = (...actions: ModelAction[]): ModelScreenState => actions.reduce(modelReducer, modelReducer(initialModel(), { type: 'loaded', model }));

describe('the model beside the live table', () => {
  it('marks each column: the same, only in the model, only in the database, changed', () => {
    expect(model.columns.map((c) => [c.name, c.mark])).toEqual([['id', '='], ['title', '='], ['runtime', '+']]);
    const rows = compare([{ name: 'year', type: 'int', nullable: true }], [live('year', 'integer'), live('mpa', 'character varying(5)', true)]);
    expect(rows).toEqual([
      { name: 'year', model: 'integer null', live: 'integer', mark: '~', course: true },
      { name: 'mpa', live: 'varchar(5) null', mark: '-', course: true },
    ]);
    expect(differenceText(model.columns[2]!)).toBe('in the model, not in the database: g on Migrations generates the migration');
  });

  it('pairs one column gone and one new of the same type as a rename, as MikroORM does', () => {
    expect(compare([{ name: 'minutes', type: 'int', nullable: true }], [live('runtime', 'integer', true)])).toEqual([
      { name: 'minutes', model: 'integer null', live: 'integer null', mark: '>', from: 'runtime', course: false },
    ]);
    // Two candidates: no rename, as MikroORM's comparator would not make one either.
    const two = compare([{ name: 'a', type: 'int', nullable: true }, { name: 'b', type: 'int', nullable: true }], [live('runtime', 'integer', true)]);
    expect(two.map((c) => c.mark)).toEqual(['+', '+', '-']);
    // Another type: a drop and an add.
    expect(compare([{ name: 'minutes', type: 'text', nullable: true }], [live('runtime', 'integer', true)]).map((c) => c.mark)).toEqual(['+', '-']);
  });
});

describe('the Model screen state', () => {
  it('moves within the columns', () => {
    expect(run({ type: 'move', by: -1 }).index).toBe(0);
    expect(run({ type: 'move', by: 1 }, { type: 'move', by: 1 }, { type: 'move', by: 1 }).index).toBe(2);
  });

  it('the add form: typing, the type picker (with a size for varchar and numeric), nullable, then a column', () => {
    let s = run({ type: 'add' }, { type: 'field', field: 'name', value: 'budget' }, { type: 'focus', by: 1 }, { type: 'change', by: 1 });
    expect(s.dialog).toMatchObject({ kind: 'add', form: { name: 'budget', kind: 'numeric', size: '10,2', focus: 'kind' } });
    s = [{ type: 'focus', by: 1 }, { type: 'field', field: 'size', value: '12,2' }, { type: 'focus', by: 1 }, { type: 'change', by: 1 }].reduce(modelReducer, s);
    expect(s.dialog).toMatchObject({ form: { nullable: false, focus: 'nullable' } });
    const form = (s.dialog as { form: Parameters<typeof columnOf>[0] }).form;
    expect(columnOf(form)).toEqual({ column: { name: 'budget', kind: 'numeric', precision: 12, scale: 2, nullable: false } });
    expect(columnOf({ ...form, size: '2,5' })).toEqual({ problem: 'numeric needs precision and scale as p,s (such as 10,2; scale at most precision)' });
    expect(columnOf({ ...form, name: ' ' })).toEqual({ problem: 'type a name for the column, e.g. runtime' });
    // Integer has no size: the focus skips it.
    const plain = run({ type: 'add' }, { type: 'focus', by: 1 }, { type: 'focus', by: 1 });
    expect(plain.dialog).toMatchObject({ form: { kind: 'integer', focus: 'nullable' } });
  });

  it('drop and rename ask about the selected column; rename asks the name, then confirms', () => {
    expect(run({ type: 'move', by: 1 }, { type: 'drop' }).dialog).toEqual({ kind: 'drop', name: 'title' });
    const s = run({ type: 'move', by: 2 }, { type: 'rename' }, { type: 'field', field: 'to', value: 'minutes' }, { type: 'confirmRename' });
    expect(s.dialog).toEqual({ kind: 'rename', from: 'runtime', to: 'minutes', confirming: true });
    expect(modelReducer(s, { type: 'problem', text: 'no' })).toMatchObject({ problem: 'no', dialog: s.dialog });
    expect(modelReducer(s, { type: 'done' }).dialog).toBeUndefined();
  });

  it('rename never asks to confirm a name the model already has, or one that is not a column name', () => {
    for (const [to, problem] of [
      ['title', 'the model already has a property named title'],
      ['Tag', '"Tag" is not a column name: use lower-case letters, digits and _ (starting with a letter or _), at most 63 characters, e.g. runtime'],
      ['tag line', '"tag line" is not a column name: use lower-case letters, digits and _ (starting with a letter or _), at most 63 characters, e.g. runtime'],
    ]) {
      const s = run({ type: 'move', by: 2 }, { type: 'rename' }, { type: 'field', field: 'to', value: to! }, { type: 'confirmRename' });
      expect(s.dialog, to).toEqual({ kind: 'rename', from: 'runtime', to, confirming: false });
      expect(s.problem, to).toBe(problem);
    }
  });
});
