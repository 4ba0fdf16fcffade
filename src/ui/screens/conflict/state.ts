import type { ModelColumn, Movie } from '../../../db/types.js';
import { extraKey, extraName, type FormValues, type ValueField } from '../form/values.js';
import { inputColumnNames } from '../../../db/movie.js';

/**
 * The conflict view as pure state: a save found the movie saved by someone else since the
 * form opened. For each field it holds the value the form started from, theirs (stored now)
 * and yours (in the form), and which of theirs and yours the next save takes.
 */
/** A course field, or a model column's as `extra.<name>`. */
export type ConflictField = ValueField;
export type Side = 'mine' | 'theirs';
/** Who changed a field since the version the form started from. */
export type Change = 'nobody' | 'they' | 'you' | 'both' | 'bothSame';

export interface ConflictState {
  /** The fields in form order (mpa only when the table has it), the model's other columns last. */
  fields: ConflictField[];
  base: FormValues;
  theirs: FormValues;
  yours: FormValues;
  /** Their movie as stored now: the next save expects its version. */
  stored: Movie;
  picks: Record<ConflictField, Side>;
  /** Index into choices(): the field ↑/↓ move through. */
  selected: number;
}

export type ConflictAction = { type: 'up' } | { type: 'down' } | { type: 'pick'; side: Side } | { type: 'toggle' };

/** The course's fields a conflict compares: the columns users write, from the one list in src/db/movie.ts. */
const FIELDS: ConflictField[] = inputColumnNames();

/** A value as compared: the form keeps text as typed, but "Heat " and "Heat" save the same (and a list's empty entries are not saved). */
function canonical(values: FormValues, field: ConflictField): string {
  const name = extraName(field);
  if (name !== undefined) {
    const v = values.extra[name] ?? '';
    return Array.isArray(v) ? JSON.stringify(v.map((i) => i.trim()).filter((i) => i !== '')) : v.trim();
  }
  if (field === 'directors') return JSON.stringify(values.directors.map((d) => d.trim()));
  if (field === 'theatre') return String(values.theatre);
  if (field === 'mpa') return values.mpa.trim().toUpperCase();
  return values[field as 'title' | 'year'].trim();
}

const same = (a: FormValues, b: FormValues, field: ConflictField) => canonical(a, field) === canonical(b, field);

export function changeOf(s: Pick<ConflictState, 'base' | 'theirs' | 'yours'>, field: ConflictField): Change {
  const they = !same(s.base, s.theirs, field);
  const you = !same(s.base, s.yours, field);
  if (they && you) return same(s.theirs, s.yours, field) ? 'bothSame' : 'both';
  return they ? 'they' : you ? 'you' : 'nobody';
}

/** Fields where theirs and yours differ: the only ones with a choice to make. */
export const choices = (s: ConflictState): ConflictField[] => s.fields.filter((f) => !same(s.theirs, s.yours, f));

export const selectedField = (s: ConflictState): ConflictField | undefined => choices(s)[s.selected];

/**
 * Defaults: where only they changed a field, theirs; where only you did, yours; where both
 * did, differently, yours (flagged in the view, so it is a decision, not an accident).
 */
export function startConflict(c: Omit<ConflictState, 'fields' | 'picks' | 'selected'> & { hasMpa: boolean; columns?: readonly ModelColumn[] }): ConflictState {
  const extras = (c.columns ?? []).map((col) => extraKey(col.name));
  const fields = [...FIELDS.filter((f) => f !== 'mpa' || c.hasMpa), ...extras];
  const picks = Object.fromEntries([...FIELDS, ...extras].map((f) => [f, changeOf(c, f) === 'they' ? 'theirs' : 'mine'])) as Record<ConflictField, Side>;
  return { fields, base: c.base, theirs: c.theirs, yours: c.yours, stored: c.stored, picks, selected: 0 };
}

/** The values the next save writes: each field from the side picked for it. */
export function merged(s: ConflictState): FormValues {
  const from = (f: ConflictField) => (s.picks[f] === 'theirs' ? s.theirs : s.yours);
  const extra = Object.fromEntries(Object.keys(s.yours.extra).map((name) => {
    const v = from(extraKey(name)).extra[name] ?? '';
    return [name, Array.isArray(v) ? [...v] : v];
  }));
  return { title: from('title').title, year: from('year').year, directors: [...from('directors').directors], theatre: from('theatre').theatre, mpa: from('mpa').mpa, extra };
}

export function conflictReducer(s: ConflictState, a: ConflictAction): ConflictState {
  const count = choices(s).length;
  const field = selectedField(s);
  switch (a.type) {
    case 'up':
      return count === 0 ? s : { ...s, selected: (s.selected - 1 + count) % count };
    case 'down':
      return count === 0 ? s : { ...s, selected: (s.selected + 1) % count };
    case 'pick':
      return field ? { ...s, picks: { ...s.picks, [field]: a.side } } : s;
    case 'toggle':
      return field ? { ...s, picks: { ...s.picks, [field]: s.picks[field] === 'mine' ? 'theirs' : 'mine' } } : s;
  }
}
