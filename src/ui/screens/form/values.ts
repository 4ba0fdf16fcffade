import { columnText, parseColumnValue, type ModelColumn } from '../../../db/columns.js';
import type { Movie } from '../../../db/types.js';

/**
 * What the form edits, as typed (strings, so nothing typed is lost to a failed parse). Its own
 * module: the form's state and the conflict view's both build on it, and the form's state
 * holds a conflict, so neither may import the other for it.
 */
export interface FormValues {
  title: string;
  year: string;
  directors: string[];
  theatre: boolean;
  mpa: string;
  /**
   * The model's other columns, by name: a list's entries (text[], at least one, maybe empty),
   * "yes", "no" or "" (none) for a boolean, else the text as typed.
   */
  extra: Record<string, ExtraValue>;
}

export type ExtraValue = string | string[];

/** The course's fields, and a model column's as `extra.<name>`: the keys of fields, errors and conflicts. */
export type CourseField = 'title' | 'year' | 'directors' | 'theatre' | 'mpa';
export type ValueField = CourseField | `extra.${string}`;

export const extraKey = (name: string): `extra.${string}` => `extra.${name}`;
/** The column a key names (`extra.runtime` → runtime), if it is a model column's. */
export const extraName = (key: string): string | undefined => (key.startsWith('extra.') ? key.slice('extra.'.length) : undefined);

/**
 * The model's default as a value to start a new movie with, as text ("0", "no"), or "" when it
 * is an SQL expression the form cannot show as a value (now()): then the database fills it in.
 */
export function defaultText(c: ModelColumn): string {
  if (c.default === undefined || c.kind === 'text[]') return '';
  const quoted = /^'((?:[^']|'')*)'(?:::[\w ]+)?$/.exec(c.default.trim());
  const parsed = parseColumnValue(c, quoted ? quoted[1]!.replace(/''/g, "'") : c.default);
  return parsed.ok && parsed.value !== null ? columnText(c, parsed.value) : '';
}

/** A column's value as the form edits it: the stored one, or for a new movie the model's default. */
export function extraValueOf(c: ModelColumn, movie: Movie | undefined): ExtraValue {
  const stored = movie?.extra?.[c.name];
  if (c.kind === 'text[]') return Array.isArray(stored) && stored.length > 0 ? [...stored] : [''];
  return movie ? columnText(c, stored) : defaultText(c);
}

/** A stored movie as the form shows it (an empty form without one). */
export function valuesOf(movie: Movie | undefined, columns: readonly ModelColumn[] = []): FormValues {
  return {
    title: movie?.title ?? '',
    year: movie ? String(movie.year) : '',
    directors: movie ? [...movie.directors] : [''],
    theatre: movie?.theatre ?? true,
    mpa: movie?.mpa ?? '',
    extra: Object.fromEntries(columns.map((c) => [c.name, extraValueOf(c, movie)])),
  };
}
