import { describe, expect, it } from 'vitest';
import { check, fields, focused, formReducer, initialForm, isDirty, toInput, type FormAction, type FormState } from '../../../../src/ui/screens/form/state.js';

const run = (s: FormState, ...actions: FormAction[]) => actions.reduce(formReducer, s);
const heat = { id: 7, title: 'Heat', year: 1995, directors: ['Michael Mann'], theatre: true, mpa: 'R' };

describe('the movie form state', () => {
  it('moves through title, year, each director, theatre and mpa, wrapping around', () => {
    let s = initialForm(undefined, true);
    const seen = [];
    for (let i = 0; i < 6; i++) {
      seen.push(focused(s).kind);
      s = formReducer(s, { type: 'next' });
    }
    expect(seen).toEqual(['title', 'year', 'item', 'theatre', 'mpa', 'title']);
    expect(focused(formReducer(initialForm(undefined, true), { type: 'prev' })).kind).toBe('mpa');
    expect(fields(initialForm(undefined, false)).map((f) => f.kind)).not.toContain('mpa');
  });

  it('edits the director list: add after the focused one, reorder, remove', () => {
    let s = run(initialForm(heat, true), { type: 'focus', field: 'directors[0]' }, { type: 'addItem' }, { type: 'item', list: 'directors', index: 1, value: 'Second' });
    expect(s.directors).toEqual(['Michael Mann', 'Second']);
    expect(focused(s)).toEqual({ kind: 'item', list: 'directors', index: 1 });
    s = formReducer(s, { type: 'moveItem', by: -1 });
    expect(s.directors).toEqual(['Second', 'Michael Mann']);
    expect(focused(s)).toEqual({ kind: 'item', list: 'directors', index: 0 });
    s = formReducer(s, { type: 'removeItem' });
    expect(s.directors).toEqual(['Michael Mann']);
    s = formReducer(s, { type: 'removeItem' });
    expect(s.directors).toEqual(['']);
  });

  it('maps every validation problem to its field, and editing a field clears only its own error', () => {
    let s = run(initialForm(undefined, true), { type: 'year', value: '19x' }, { type: 'mpa', value: 'X' });
    const errors = check(s);
    expect(errors).toEqual({
      title: 'is required',
      year: 'must be a whole number between 1878 and ' + (new Date().getFullYear() + 10),
      'directors[0]': 'must not be empty',
      mpa: 'must be empty or one of G, PG, PG-13, R, NC-17',
    });
    s = run(s, { type: 'errors', errors }, { type: 'title', value: 'Heat' });
    expect(Object.keys(s.errors)).toEqual(['year', 'directors[0]', 'mpa']);
  });

  it('keeps what was typed as typed, and knows when anything changed', () => {
    const s = initialForm(heat, true);
    expect(isDirty(s)).toBe(false);
    const edited = formReducer(s, { type: 'year', value: '199' });
    expect(isDirty(edited)).toBe(true);
    expect(toInput(edited)).toEqual({ title: 'Heat', year: '199', directors: ['Michael Mann'], theatre: true, mpa: 'R' });
    expect(isDirty(formReducer(edited, { type: 'year', value: '1995' }))).toBe(false);
  });

  it('leaves mpa out of what it saves when the database has no mpa column', () => {
    expect(toInput(initialForm(heat, false))).not.toHaveProperty('mpa');
  });
});
