import { describe, expect, it } from 'vitest';
import type { DriftReport, MigrationPlan, MigrationState } from '../../../../src/db/types.js';
import { initialMigrations, migrationsReducer, requestFor, titleOf, type MigrationsAction, type MigrationsScreenState } from '../../../../src/ui/screens/migrations/state.js';

const m = (label: string, applied: boolean): MigrationState => ({ name: `Migration20250101000000_${label}`, label, applied });
const list = [m('create_movie', true), m('add_mpa', true), m('add_index', false)];
const drift: DriftReport = { upToDate: true, statements: [] };
const plan = (label: string, direction: 'up' | 'down' = 'up'): MigrationPlan => ({ name: `Migration20250101000000_${label}`, label, direction, statements: [], risks: [], comesBackEmpty: [] });
const run = (...actions: MigrationsAction[]) => actions.reduce<MigrationsScreenState>(migrationsReducer, initialMigrations());
const loaded: MigrationsAction = { type: 'loaded', list, drift };

describe('the Migrations screen state', () => {
  it('the selection moves within the list and stops at both ends', () => {
    expect(run(loaded, { type: 'move', by: -1 }).index).toBe(0);
    expect(run(loaded, { type: 'move', by: 1 }, { type: 'move', by: 1 }, { type: 'move', by: 1 }).index).toBe(2);
    expect(run({ type: 'move', by: 1 }).index).toBe(0); // nothing loaded yet
  });

  it('a reload with fewer migrations keeps the selection inside the list', () => {
    const s = run(loaded, { type: 'move', by: 1 }, { type: 'move', by: 1 }, { type: 'loaded', list: list.slice(0, 2), drift });
    expect(s.index).toBe(1);
    expect(run(loaded, { type: 'move', by: 1 }, loaded).index).toBe(1); // a reload keeps the place
  });

  it('each action key applies only where it makes sense', () => {
    const first = run(loaded);
    const last = run(loaded, { type: 'move', by: 1 }, { type: 'move', by: 1 });
    expect(requestFor(first, 'applyTo')).toBeUndefined(); // already applied
    expect(requestFor(first, 'rollbackTo')).toEqual({ kind: 'rollbackTo', direction: 'down', to: list[0].name, label: 'create_movie' });
    expect(requestFor(last, 'applyTo')).toEqual({ kind: 'applyTo', direction: 'up', to: list[2].name, label: 'add_index' });
    expect(requestFor(last, 'rollbackTo')).toBeUndefined(); // not applied
    expect(requestFor(first, 'applyAll')).toEqual({ kind: 'applyAll', direction: 'up', label: 'create_movie' }); // every pending one
    expect(requestFor(first, 'rollbackLast')).toEqual({ kind: 'rollbackLast', direction: 'down', label: 'create_movie' }); // the last applied one
    const allApplied = run({ type: 'loaded', list: list.map((x) => ({ ...x, applied: true })), drift });
    expect(requestFor(allApplied, 'applyAll')).toBeUndefined();
    const noneApplied = run({ type: 'loaded', list: list.map((x) => ({ ...x, applied: false })), drift });
    expect(requestFor(noneApplied, 'rollbackLast')).toBeUndefined();
    expect(requestFor(initialMigrations(), 'applyAll')).toBeUndefined(); // nothing selected
  });

  it('the question names what the plan read at the key press would run', () => {
    const s = run(loaded);
    expect(titleOf(requestFor(s, 'applyAll')!, ['add_index'])).toBe('Apply every pending migration?');
    expect(titleOf(requestFor(s, 'rollbackLast')!, ['add_mpa'])).toBe('Roll back add_mpa?');
    expect(titleOf(requestFor(s, 'rollbackTo')!, ['add_mpa', 'create_movie'])).toBe('Roll back create_movie and every later migration?');
    expect(titleOf(requestFor(run(loaded, { type: 'move', by: 1 }, { type: 'move', by: 1 }), 'applyTo')!, ['add_index'])).toBe('Apply up to add_index?');
  });

  it('a key checks first, then asks; an answer runs it, and a failure stays on screen until the next run', () => {
    let s = run(loaded, { type: 'move', by: 1 }, { type: 'move', by: 1 });
    const request = requestFor(s, 'applyTo')!;
    s = migrationsReducer(s, { type: 'checking' });
    expect(s.running).toBe('Checking what it would change…');
    s = migrationsReducer(s, { type: 'checked', request, plans: [plan('add_index')], losses: [] });
    expect(s.running).toBeUndefined();
    expect(s.confirm).toEqual({ title: 'Apply up to add_index?', direction: 'up', to: list[2].name, labels: ['add_index'], losses: [], notes: [] });
    s = migrationsReducer(s, { type: 'run' });
    expect(s.confirm).toBeUndefined();
    expect(s.running).toBe('Applying add_index…');
    s = migrationsReducer(s, { type: 'failed', text: 'column exists' });
    s = migrationsReducer(s, { type: 'ran' });
    expect(s).toMatchObject({ running: undefined, outcome: { ok: false, text: 'column exists' } });
    s = migrationsReducer(s, { type: 'checked', request, plans: [plan('add_index')], losses: [] });
    s = migrationsReducer(s, { type: 'run' });
    expect(s.outcome).toBeUndefined();
  });

  it('a rollback that loses data carries the losses; No dismisses it', () => {
    let s = run(loaded);
    const request = requestFor(s, 'rollbackLast')!;
    s = migrationsReducer(s, { type: 'checked', request, plans: [plan('add_mpa', 'down')], losses: ['drops column mpa: 3 values'] });
    expect(s.confirm).toMatchObject({ title: 'Roll back add_mpa?', losses: ['drops column mpa: 3 values'] });
    expect(migrationsReducer(s, { type: 'run' }).running).toBe('Rolling back add_mpa…');
    expect(migrationsReducer(s, { type: 'dismiss' }).confirm).toBeUndefined();
  });

  it('a check that plans nothing, or fails, asks nothing', () => {
    const s = run(loaded, { type: 'checking' });
    expect(migrationsReducer(s, { type: 'checked', request: requestFor(s, 'applyAll'), plans: [] })).toMatchObject({ running: undefined, confirm: undefined });
    expect(migrationsReducer(s, { type: 'checked' })).toMatchObject({ running: undefined, confirm: undefined });
    expect(migrationsReducer(s, { type: 'run' })).toBe(s); // nothing asked: nothing runs
  });

  it('the plan follows the selection, and r asks for it again', () => {
    let s = run(loaded, { type: 'planned', plan: plan('create_movie', 'down') });
    expect(s.plan?.label).toBe('create_movie');
    s = migrationsReducer(s, { type: 'reread' });
    expect(s.reread).toBe(1);
    expect(migrationsReducer(s, { type: 'planned', plan: undefined }).plan).toBeUndefined();
  });

  it('g: the message field opens, Esc closes it, Enter generates and selects the new migration with its SQL for review', () => {
    const asked = run(loaded, { type: 'ask' }, { type: 'typeMessage', message: 'Add index' });
    expect(asked.message).toBe('Add index');
    expect(migrationsReducer(asked, { type: 'cancelMessage' }).message).toBeUndefined();
    const refused = migrationsReducer(asked, { type: 'badMessage', text: 'no letters' });
    expect(refused.messageError).toBe('no letters');
    expect(migrationsReducer(refused, { type: 'typeMessage', message: 'x' }).messageError).toBeUndefined();
    const generating = migrationsReducer(asked, { type: 'generating' });
    expect(generating).toMatchObject({ message: undefined, running: 'Generating the migration from the model…' });
    const created = { name: list[2].name, label: 'add_index', file: '/tmp/x.ts', up: ['create index …;'], down: ['drop index …;'] };
    const done = migrationsReducer(generating, { type: 'generated', created, list, drift });
    expect(done).toMatchObject({ running: undefined, created, index: 2 });
    // Moving on ends the review: the selected migration's plan shows again.
    expect(migrationsReducer(done, { type: 'move', by: -1 }).created).toBeUndefined();
    // Nothing generated (the model matched): the selection stays.
    expect(migrationsReducer(generating, { type: 'generated' })).toMatchObject({ running: undefined, created: undefined, index: 0 });
  });
});
