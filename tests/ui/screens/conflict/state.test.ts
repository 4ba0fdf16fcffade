import { describe, expect, it } from 'vitest';
import { changeOf, choices, conflictReducer, merged, selectedField, startConflict, type ConflictAction, type ConflictState } from '../../../../src/ui/screens/conflict/state.js';
import { formReducer, initialForm, isDirty, saveTarget, toInput, type FormAction, type FormState } from '../../../../src/ui/screens/form/state.js';
import { valuesOf } from '../../../../src/ui/screens/form/values.js';

const jaws = { id: 3, title: 'Jaws', year: 1975, directors: ['Steven Spielberg'], theatre: true, mpa: 'PG', version: 1 };
const run = (s: ConflictState, ...actions: ConflictAction[]) => actions.reduce(conflictReducer, s);
const runForm = (s: FormState, ...actions: FormAction[]) => actions.reduce(formReducer, s);

/** They retitled it and turned theatre off; you changed the year and the title (differently). */
function conflict(hasMpa = true): ConflictState {
  const theirs = { ...jaws, title: 'Jaws!', theatre: false, version: 3 };
  const yours = { ...valuesOf(jaws), title: 'Jaws 2', year: '1978' };
  return startConflict({ base: valuesOf(jaws), theirs: valuesOf(theirs), yours, stored: theirs, hasMpa });
}

describe('the conflict view state', () => {
  it('says who changed each field since the form opened', () => {
    const s = conflict();
    expect(s.fields.map((f) => [f, changeOf(s, f)])).toEqual([
      ['title', 'both'],
      ['year', 'you'],
      ['directors', 'nobody'],
      ['theatre', 'they'],
      ['mpa', 'nobody'],
    ]);
    const same = startConflict({ base: valuesOf(jaws), theirs: { ...valuesOf(jaws), year: '1976' }, yours: { ...valuesOf(jaws), year: '1976' }, stored: jaws, hasMpa: true });
    expect(changeOf(same, 'year')).toBe('bothSame');
  });

  it('defaults to theirs where only they changed, yours where only you did, and yours where both did', () => {
    const s = conflict();
    expect(s.picks).toMatchObject({ title: 'mine', year: 'mine', theatre: 'theirs' });
    expect(merged(s)).toEqual({ title: 'Jaws 2', year: '1978', directors: ['Steven Spielberg'], theatre: false, mpa: 'PG', extra: {} });
  });

  it('moves only through the fields where theirs and yours differ, wrapping around', () => {
    const s = conflict();
    expect(choices(s)).toEqual(['title', 'year', 'theatre']);
    expect(selectedField(s)).toBe('title');
    expect(selectedField(run(s, { type: 'down' }, { type: 'down' }))).toBe('theatre');
    expect(selectedField(run(s, { type: 'down' }, { type: 'down' }, { type: 'down' }))).toBe('title');
    expect(selectedField(run(s, { type: 'up' }))).toBe('theatre');
  });

  it('takes theirs or keeps mine for the selected field; Space switches', () => {
    const s = run(conflict(), { type: 'pick', side: 'theirs' }, { type: 'down' }, { type: 'down' }, { type: 'pick', side: 'mine' });
    expect(merged(s)).toMatchObject({ title: 'Jaws!', year: '1978', theatre: true });
    expect(merged(run(s, { type: 'toggle' }))).toMatchObject({ theatre: false });
  });

  it('counts whitespace the save trims as no change', () => {
    const s = startConflict({ base: valuesOf(jaws), theirs: { ...valuesOf(jaws), year: '1976' }, yours: { ...valuesOf(jaws), title: 'Jaws ' }, stored: jaws, hasMpa: true });
    expect(changeOf(s, 'title')).toBe('nobody');
    expect(choices(s)).toEqual(['year']);
  });

  it('leaves mpa out when the table has no mpa column', () => {
    expect(conflict(false).fields).not.toContain('mpa');
  });

  it('with nothing to choose, keys change nothing', () => {
    const s = startConflict({ base: valuesOf(jaws), theirs: valuesOf(jaws), yours: valuesOf(jaws), stored: { ...jaws, version: 2 }, hasMpa: true });
    expect(choices(s)).toEqual([]);
    expect(run(s, { type: 'down' }, { type: 'toggle' }, { type: 'pick', side: 'theirs' })).toEqual(s);
  });
});

describe('the form around a conflict', () => {
  const edited = () => runForm(initialForm(jaws, true), { type: 'title', value: 'Jaws 2' }, { type: 'year', value: '1978' }, { type: 'saving' });

  it('saves against the version it started from, and opens the conflict view when that is stale', () => {
    expect(saveTarget(edited())).toEqual({ id: 3, version: 1 });
    const s = formReducer(edited(), { type: 'conflict', theirs: { ...jaws, title: 'Jaws!', version: 3 } });
    expect(s.saving).toBe(false);
    expect(s.conflict && merged(s.conflict)).toMatchObject({ title: 'Jaws 2', year: '1978' });
    expect(isDirty(s)).toBe(true);
  });

  it('leaving the conflict view keeps the merged values, now based on their version', () => {
    const theirs = { ...jaws, title: 'Jaws!', theatre: false, version: 3 };
    const s = runForm(edited(), { type: 'conflict', theirs }, { type: 'resolve', action: { type: 'pick', side: 'theirs' } }, { type: 'merge' });
    expect(s.conflict).toBeUndefined();
    expect(toInput(s)).toEqual({ title: 'Jaws!', year: '1978', directors: ['Steven Spielberg'], theatre: false, mpa: 'PG' });
    expect(saveTarget(s)).toEqual({ id: 3, version: 3 });
    expect(isDirty(s)).toBe(true);
    // A second conflict starts from their first version.
    const again = formReducer(s, { type: 'conflict', theirs: { ...theirs, mpa: 'R', version: 4 } });
    expect(again.conflict?.base).toMatchObject({ title: 'Jaws!', theatre: false });
    expect(again.conflict && changeOf(again.conflict, 'mpa')).toBe('they');
  });

  it('a movie deleted by someone else keeps every value and saves as a new movie', () => {
    const s = formReducer(edited(), { type: 'gone' });
    expect(toInput(s)).toMatchObject({ title: 'Jaws 2', year: '1978' });
    expect(saveTarget(s)).toBeUndefined();
    expect(isDirty(runForm(initialForm(jaws, true), { type: 'gone' }))).toBe(true);
  });
});
