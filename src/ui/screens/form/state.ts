import type { Movie, MovieInput } from '../../../db/types.js';
import { MPA_RATINGS, validateMovie } from '../../../db/validation.js';
import { conflictReducer, merged, startConflict, type ConflictAction, type ConflictState } from '../conflict/state.js';
import { valuesOf, type FormValues } from './values.js';

/**
 * The add/edit form as pure state. Fields hold what the user typed (strings), so nothing
 * typed is ever lost to a failed parse or a failed save; validation maps each problem
 * to the field it belongs to.
 */
export interface FormState extends FormValues {
  id?: number;
  hasMpa: boolean;
  /** Index into fields(): which input has the focus. */
  focus: number;
  /** Field key ('title', 'year', 'directors', 'directors[1]', 'mpa', 'form') → message. */
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

export type Field = { kind: 'title' } | { kind: 'year' } | { kind: 'director'; index: number } | { kind: 'theatre' } | { kind: 'mpa' };

export type FormAction =
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'focus'; field: string }
  | { type: 'title'; value: string }
  | { type: 'year'; value: string }
  | { type: 'director'; index: number; value: string }
  | { type: 'addDirector' }
  | { type: 'removeDirector' }
  | { type: 'moveDirector'; by: -1 | 1 }
  | { type: 'toggleTheatre' }
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

export function initialForm(movie: Movie | undefined, hasMpa: boolean): FormState {
  const values = valuesOf(movie);
  return { id: movie?.id, ...values, hasMpa, focus: 0, errors: {}, picking: false, saving: false, initial: snapshot(values), base: movie, gone: false };
}

function snapshot(s: FormValues): string {
  return JSON.stringify([s.title, s.year, s.directors, s.theatre, s.mpa]);
}

/** Whether leaving would lose anything: edits, a pending conflict, or a movie that is stored nowhere now. */
export const isDirty = (s: FormState) => s.gone || s.conflict !== undefined || snapshot(s) !== s.initial;

/** Where a save goes: an update of the stored movie at the version the form is based on, or (no target) a new movie. */
export function saveTarget(s: FormState): { id: number; version?: number } | undefined {
  return s.id === undefined || s.gone ? undefined : { id: s.id, version: s.base?.version };
}

/** The focusable fields in order: title, year, each director, theatre, mpa (when the column exists). */
export function fields(s: FormState): Field[] {
  return [
    { kind: 'title' },
    { kind: 'year' },
    ...s.directors.map((_, index) => ({ kind: 'director' as const, index })),
    { kind: 'theatre' },
    ...(s.hasMpa ? [{ kind: 'mpa' as const }] : []),
  ];
}

export const focused = (s: FormState): Field => fields(s)[s.focus]!;
export const onLastField = (s: FormState) => s.focus === fields(s).length - 1;
export const fieldKey = (f: Field) => (f.kind === 'director' ? `directors[${f.index}]` : f.kind);

/** What the form would save, in the shape every write path validates. */
export function toInput(s: FormState): MovieInput {
  const input: MovieInput = { title: s.title, year: s.year, directors: s.directors, theatre: s.theatre };
  if (s.hasMpa) input.mpa = s.mpa;
  return input;
}

/** Runs the shared validation; returns the errors by field (empty when the movie is valid). */
export function check(s: FormState): Record<string, string> {
  const result = validateMovie(toInput(s));
  if (result.ok) return {};
  return Object.fromEntries(result.issues.map((i) => [i.field, i.message]));
}

export function formReducer(s: FormState, a: FormAction): FormState {
  const count = fields(s).length;
  const editedDirector = (directors: string[], focus = s.focus) => ({ ...s, directors, focus });
  const director = focused(s).kind === 'director' ? (focused(s) as { index: number }).index : -1;
  switch (a.type) {
    case 'next':
      return { ...s, focus: (s.focus + 1) % count, picking: false };
    case 'prev':
      return { ...s, focus: (s.focus - 1 + count) % count, picking: false };
    case 'focus': {
      const index = fields(s).findIndex((f) => fieldKey(f) === a.field || (a.field === 'directors' && f.kind === 'director'));
      return index < 0 ? s : { ...s, focus: index };
    }
    case 'title':
      return clear({ ...s, title: a.value }, 'title');
    case 'year':
      return clear({ ...s, year: a.value }, 'year');
    case 'director':
      return clear({ ...s, directors: s.directors.map((d, i) => (i === a.index ? a.value : d)) }, `directors[${a.index}]`, 'directors');
    case 'addDirector': {
      const at = director < 0 ? s.directors.length : director + 1;
      const directors = [...s.directors.slice(0, at), '', ...s.directors.slice(at)];
      return editedDirector(directors, 2 + at);
    }
    case 'removeDirector': {
      if (director < 0) return s;
      // The list keeps one (empty) entry, so there is always somewhere to type.
      const directors = s.directors.length === 1 ? [''] : s.directors.filter((_, i) => i !== director);
      return { ...editedDirector(directors, 2 + Math.min(director, directors.length - 1)), errors: {} };
    }
    case 'moveDirector': {
      const to = director + a.by;
      if (director < 0 || to < 0 || to >= s.directors.length) return s;
      const directors = [...s.directors];
      [directors[director], directors[to]] = [directors[to]!, directors[director]!];
      return { ...editedDirector(directors, 2 + to), errors: {} };
    }
    case 'toggleTheatre':
      return { ...s, theatre: !s.theatre };
    case 'picking':
      return { ...s, picking: a.open };
    case 'mpa':
      return clear({ ...s, mpa: a.value, picking: false }, 'mpa');
    case 'errors':
      return { ...s, errors: a.errors, saving: false };
    case 'saving':
      return { ...s, saving: true, errors: {} };
    case 'conflict': {
      const { title, year, directors, theatre, mpa } = s;
      const yours = { title, year, directors, theatre, mpa };
      const conflict = startConflict({ base: valuesOf(s.base), theirs: valuesOf(a.theirs), yours, stored: a.theirs, hasMpa: s.hasMpa });
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
  const next = { ...s, ...merged(conflict), base: conflict.stored, initial: snapshot(valuesOf(conflict.stored)), conflict: undefined };
  return { ...next, focus: Math.min(s.focus, fields(next).length - 1) };
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
