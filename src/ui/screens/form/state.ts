import type { ModelColumn, Movie, MovieInput } from '../../../db/types.js';
import { MPA_RATINGS, validateMovie } from '../../../db/validation.js';
import { conflictReducer, merged, startConflict, type ConflictAction, type ConflictState } from '../conflict/state.js';
import { extraProblems, leftToDefault } from './extras.js';
import { extraKey, extraName, extraValueOf, valuesOf, type FormValues } from './values.js';

/**
 * The add/edit form as pure state. Fields hold what the user typed (strings), so nothing
 * typed is ever lost to a failed parse or a failed save; validation maps each problem
 * to the field it belongs to.
 */
export interface FormState extends FormValues {
  id?: number;
  hasMpa: boolean;
  /** The model's other columns the live table has: a field each, after the course's. */
  columns: readonly ModelColumn[];
  /** Index into fields(): which input has the focus. */
  focus: number;
  /** Field key ('title', 'year', 'directors', 'directors[1]', 'mpa', 'extra.runtime', 'extra.tags[0]', 'form') → message. */
  errors: Record<string, string>;
  picking: boolean;
  saving: boolean;
  initial: string;
  /** The stored movie this edit is based on: a save expects its version. */
  base?: Movie;
  /** Someone else saved the movie meanwhile: the choice between their values and these, per field. */
  conflict?: ConflictState;
  /** Someone else deleted the movie: a save creates it anew. */
  gone: boolean;
}

/** A focusable field. `item`: an entry of a list, the directors or a text[] column (`list` is its name). */
export type Field =
  | { kind: 'title' }
  | { kind: 'year' }
  | { kind: 'item'; list: string; index: number }
  | { kind: 'theatre' }
  | { kind: 'mpa' }
  | { kind: 'extra'; column: ModelColumn };

export type FormAction =
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'focus'; field: string }
  | { type: 'title'; value: string }
  | { type: 'year'; value: string }
  /** An entry of a list (the directors, or a text[] column) typed in. */
  | { type: 'item'; list: string; index: number; value: string }
  /** Add an entry after the focused one, remove it, or move it, in whichever list has the focus. */
  | { type: 'addItem' }
  | { type: 'removeItem' }
  | { type: 'moveItem'; by: -1 | 1 }
  /** Space on theatre or a yes/no column. */
  | { type: 'toggle' }
  | { type: 'extra'; name: string; value: string }
  /** The model's columns changed (a migration applied here): fields come and go, what was typed stays. */
  | { type: 'columns'; columns: readonly ModelColumn[] }
  | { type: 'picking'; open: boolean }
  | { type: 'mpa'; value: string }
  | { type: 'errors'; errors: Record<string, string> }
  | { type: 'saving' }
  /** The save found the movie saved by someone else: `theirs` is how it is stored now. */
  | { type: 'conflict'; theirs: Movie }
  | { type: 'resolve'; action: ConflictAction }
  /** Leave the conflict view: the form holds the merged values, based on their version. */
  | { type: 'merge' }
  | { type: 'gone' };

export function initialForm(movie: Movie | undefined, hasMpa: boolean, columns: readonly ModelColumn[] = []): FormState {
  const values = valuesOf(movie, columns);
  return { id: movie?.id, ...values, hasMpa, columns, focus: 0, errors: {}, picking: false, saving: false, initial: snapshot(values), base: movie, gone: false };
}

function snapshot(s: FormValues): string {
  return JSON.stringify([s.title, s.year, s.directors, s.theatre, s.mpa, s.extra]);
}

/** Whether leaving would lose anything: edits, a pending conflict, or a movie that is stored nowhere now. */
export const isDirty = (s: FormState) => s.gone || s.conflict !== undefined || snapshot(s) !== s.initial;

/** Where a save goes: an update of the stored movie at the version the form is based on, or (no target) a new movie. */
export function saveTarget(s: FormState): { id: number; version?: number } | undefined {
  return s.id === undefined || s.gone ? undefined : { id: s.id, version: s.base?.version };
}

/** A list's entries: the directors, or a text[] column's. */
export const itemsOf = (s: FormValues, list: string): string[] => (list === 'directors' ? s.directors : (s.extra[list] as string[] | undefined) ?? ['']);
const withItems = (s: FormState, list: string, items: string[]): FormState => (list === 'directors' ? { ...s, directors: items } : { ...s, extra: { ...s.extra, [list]: items } });
const items = (s: FormState, list: string): Field[] => itemsOf(s, list).map((_, index) => ({ kind: 'item' as const, list, index }));

/** The focusable fields in order: title, year, each director, theatre, mpa (when the column exists), then the model's other columns. */
export function fields(s: FormState): Field[] {
  return [
    { kind: 'title' },
    { kind: 'year' },
    ...items(s, 'directors'),
    { kind: 'theatre' },
    ...(s.hasMpa ? [{ kind: 'mpa' as const }] : []),
    ...s.columns.flatMap((column): Field[] => (column.kind === 'text[]' ? items(s, column.name) : [{ kind: 'extra', column }])),
  ];
}

export const focused = (s: FormState): Field => fields(s)[s.focus]!;
export const onLastField = (s: FormState) => s.focus === fields(s).length - 1;
/** The key a field's error is filed under: 'directors[1]', 'extra.runtime', 'extra.tags[0]'. */
export function fieldKey(f: Field): string {
  if (f.kind === 'item') return `${f.list === 'directors' ? 'directors' : extraKey(f.list)}[${f.index}]`;
  return f.kind === 'extra' ? extraKey(f.column.name) : f.kind;
}
/** The key of a whole list ('directors', 'extra.tags'), for an entry of one. */
const listKey = (f: Field) => (f.kind === 'item' ? (f.list === 'directors' ? 'directors' : extraKey(f.list)) : undefined);

/** A new movie (or one someone else deleted meanwhile): a save creates it. */
const creating = (s: FormState) => s.id === undefined || s.gone;

/** What the form would save, in the shape every write path validates. */
export function toInput(s: FormState): MovieInput {
  const input: MovieInput = { title: s.title, year: s.year, directors: s.directors, theatre: s.theatre };
  if (s.hasMpa) input.mpa = s.mpa;
  if (s.columns.length > 0) {
    // Left empty on a new movie, a column whose default the form could not show gets it from the database.
    const given = s.columns.filter((c) => !leftToDefault(c, s.extra[c.name] ?? '', creating(s)));
    input.extra = Object.fromEntries(given.map((c) => [c.name, s.extra[c.name] ?? '']));
  }
  return input;
}

/** Runs the shared validation (the model's other columns by their types too), and the form's own few rules; returns the errors by field (empty when the movie is valid). */
export function check(s: FormState): Record<string, string> {
  const result = validateMovie(toInput(s), s.columns);
  const errors = result.ok ? {} : errorsByField(s, result.issues);
  for (const c of s.columns) {
    for (const [key, message] of Object.entries(extraProblems(c, s.extra[c.name] ?? '', creating(s)))) errors[key] ??= message;
  }
  return errors;
}

/**
 * A save's problems (the store's ValidationError) by the keys the form files them under: the
 * store may name a model column plainly (`runtime`) or as `extra.runtime`.
 */
export function errorsByField(s: FormState, issues: readonly { field: string; message: string }[]): Record<string, string> {
  const names = new Set(s.columns.map((c) => c.name));
  const keyOf = (field: string) => {
    const name = /^[^[.]+/.exec(field)?.[0] ?? field;
    return names.has(name) && extraName(field) === undefined ? extraKey(field) : field;
  };
  return Object.fromEntries(issues.map((i) => [keyOf(i.field), i.message]));
}

export function formReducer(s: FormState, a: FormAction): FormState {
  const count = fields(s).length;
  const field = focused(s);
  // The focused entry of a list, if it is one, and focus on an entry of it after an edit.
  const item = field.kind === 'item' ? field : undefined;
  const focusOn = (next: FormState, index: number) => ({ ...next, focus: fields(next).findIndex((f) => f.kind === 'item' && f.list === item!.list && f.index === index) });
  switch (a.type) {
    case 'next':
      return { ...s, focus: (s.focus + 1) % count, picking: false };
    case 'prev':
      return { ...s, focus: (s.focus - 1 + count) % count, picking: false };
    case 'focus': {
      const index = fields(s).findIndex((f) => fieldKey(f) === a.field || listKey(f) === a.field);
      return index < 0 ? s : { ...s, focus: index };
    }
    case 'title':
      return clear({ ...s, title: a.value }, 'title');
    case 'year':
      return clear({ ...s, year: a.value }, 'year');
    case 'item': {
      const key = a.list === 'directors' ? 'directors' : extraKey(a.list);
      return clear(withItems(s, a.list, itemsOf(s, a.list).map((d, i) => (i === a.index ? a.value : d))), `${key}[${a.index}]`, key);
    }
    // Ctrl+N on a field that is no list's entry adds a director at the end, as before there were other lists.
    case 'addItem': {
      const list = item?.list ?? 'directors';
      const entries = itemsOf(s, list);
      const at = item ? item.index + 1 : entries.length;
      const next = withItems(s, list, [...entries.slice(0, at), '', ...entries.slice(at)]);
      return { ...next, focus: fields(next).findIndex((f) => f.kind === 'item' && f.list === list && f.index === at) };
    }
    case 'removeItem': {
      if (!item) return s;
      const entries = itemsOf(s, item.list);
      // The list keeps one (empty) entry, so there is always somewhere to type.
      const left = entries.length === 1 ? [''] : entries.filter((_, i) => i !== item.index);
      return { ...focusOn(withItems(s, item.list, left), Math.min(item.index, left.length - 1)), errors: {} };
    }
    case 'moveItem': {
      const entries = item ? [...itemsOf(s, item.list)] : [];
      const to = item ? item.index + a.by : -1;
      if (!item || to < 0 || to >= entries.length) return s;
      [entries[item.index], entries[to]] = [entries[to]!, entries[item.index]!];
      return { ...focusOn(withItems(s, item.list, entries), to), errors: {} };
    }
    case 'toggle':
      if (field.kind === 'theatre') return { ...s, theatre: !s.theatre };
      if (field.kind === 'extra' && field.column.kind === 'boolean') {
        const name = field.column.name;
        const now = s.extra[name] ?? '';
        // yes → no → (none, when the column may be null) → yes.
        const next = now === 'yes' ? 'no' : now === 'no' && field.column.nullable ? '' : 'yes';
        return clear({ ...s, extra: { ...s.extra, [name]: next } }, extraKey(name));
      }
      return s;
    case 'extra':
      return clear({ ...s, extra: { ...s.extra, [a.name]: a.value } }, extraKey(a.name));
    case 'columns':
      return withColumns(s, a.columns);
    case 'picking':
      return { ...s, picking: a.open };
    case 'mpa':
      return clear({ ...s, mpa: a.value, picking: false }, 'mpa');
    case 'errors':
      return { ...s, errors: a.errors, saving: false };
    case 'saving':
      return { ...s, saving: true, errors: {} };
    case 'conflict': {
      const { title, year, directors, theatre, mpa, extra } = s;
      const yours = { title, year, directors, theatre, mpa, extra };
      const conflict = startConflict({ base: valuesOf(s.base, s.columns), theirs: valuesOf(a.theirs, s.columns), yours, stored: a.theirs, hasMpa: s.hasMpa, columns: s.columns });
      return { ...s, saving: false, conflict };
    }
    case 'resolve':
      return s.conflict ? { ...s, conflict: conflictReducer(s.conflict, a.action) } : s;
    case 'merge':
      return s.conflict ? mergeConflict(s, s.conflict) : s;
    case 'gone':
      // Choices made in a conflict view so far are kept: they are what the user wants saved.
      return { ...(s.conflict ? mergeConflict(s, s.conflict) : s), gone: true, saving: false };
  }
}

function mergeConflict(s: FormState, conflict: ConflictState): FormState {
  // Their version is now the base: a further save is checked against it.
  const next = { ...s, ...merged(conflict), base: conflict.stored, initial: snapshot(valuesOf(conflict.stored, s.columns)), conflict: undefined };
  return { ...next, focus: Math.min(s.focus, fields(next).length - 1) };
}

/**
 * The form over a new set of columns: a new column starts as the stored movie's value (or its
 * default), a column gone takes its field and errors with it, and the focus stays on the field
 * it was on (or the one before, if that field is gone). A conflict in view is left as it is.
 */
function withColumns(s: FormState, columns: readonly ModelColumn[]): FormState {
  const focusKey = fieldKey(focused(s));
  const extra = Object.fromEntries(columns.map((c) => [c.name, s.extra[c.name] ?? extraValueOf(c, s.base)]));
  // What the form started from, with the new columns as they started (so a new column alone is no edit).
  const [title, year, directors, theatre, mpa, was] = JSON.parse(s.initial) as [string, string, string[], boolean, string, FormValues['extra']];
  const initial = snapshot({ title, year, directors, theatre, mpa, extra: Object.fromEntries(columns.map((c) => [c.name, was[c.name] ?? extraValueOf(c, s.base)])) });
  const names = new Set(columns.map((c) => c.name));
  const errors = Object.fromEntries(Object.entries(s.errors).filter(([k]) => !k.startsWith('extra.') || names.has(/^extra\.([^[]+)/.exec(k)![1]!)));
  const next = { ...s, columns, extra, errors, initial };
  const at = fields(next).findIndex((f) => fieldKey(f) === focusKey);
  return { ...next, focus: at >= 0 ? at : Math.min(s.focus, fields(next).length - 1) };
}

/** Editing a field clears its own error (and a form-level one), keeping the others in view. */
function clear(s: FormState, ...keys: string[]): FormState {
  const errors = { ...s.errors };
  for (const k of [...keys, 'form']) delete errors[k];
  return { ...s, errors };
}

/** The MPA picker's choices: none, then each rating. */
export const MPA_ITEMS = [{ label: '(none)', value: '' }, ...MPA_RATINGS.map((r) => ({ label: r, value: r as string }))];

/** A stored version newer than any this form has seen (the form's base, or theirs in a conflict). */
export function newerStored(s: FormState, stored: Movie | 'deleted' | undefined): Movie | undefined {
  const seen = s.conflict?.stored.version ?? s.base?.version ?? Infinity;
  return stored !== undefined && stored !== 'deleted' && stored.version !== undefined && stored.version > seen ? stored : undefined;
}
