/**
 * The movie as the app knows it: the stored row as plain data, and its columns. Pure (no
 * MikroORM, no SQL driver): the UI, the CLI and the transfer formats import it as well as
 * the data layer. The next issue derives both from the model (entities.ts).
 */
import type { ColumnValues } from './columns.js';

/** A stored movie, as plain data. `mpa` is undefined when the database has no mpa column yet. */
export interface Movie {
  id: number;
  title: string;
  year: number;
  directors: string[];
  theatre: boolean;
  mpa?: string | null;
  /**
   * Bumped by the database on every update (versions_and_changes); a save names the version it
   * started from and fails if the row has moved on. Undefined before that migration.
   */
  version?: number;
  /** The model's other columns (columns.ts) that the live table has, by name; undefined when there are none. */
  extra?: ColumnValues;
}

/** One column of the movie table, with what each place that lists the columns needs of it. */
export interface MovieColumn {
  name: keyof Movie;
  /** Its SQL type where the app names one (staging tables, jsonb_to_recordset). */
  sqlType: string;
  /** Written by users (forms, CLI, seeds, import files); false: set by the database. */
  input: boolean;
  /** An import file must have it (the others take their defaults). */
  required: boolean;
  /** Added by a later migration: read and written only once the live table has it. */
  addedBy?: 'add_mpa_column' | 'versions_and_changes';
}

/** Every column of movie, in table order; the one list the store, bulk loads and file formats follow. */
export const MOVIE_COLUMNS = [
  { name: 'id', sqlType: 'int', input: false, required: false },
  { name: 'title', sqlType: 'text', input: true, required: true },
  { name: 'year', sqlType: 'int', input: true, required: true },
  { name: 'directors', sqlType: 'text[]', input: true, required: true },
  { name: 'theatre', sqlType: 'boolean', input: true, required: false },
  { name: 'mpa', sqlType: 'text', input: true, required: false, addedBy: 'add_mpa_column' },
  { name: 'version', sqlType: 'int', input: false, required: false, addedBy: 'versions_and_changes' },
] as const satisfies readonly MovieColumn[];

type InputColumnDef = Extract<(typeof MOVIE_COLUMNS)[number], { input: true }>;
/** The fields users write, in table order (and import-file order). */
export type InputColumn = InputColumnDef['name'];

/** The columns users write, in table order. */
export const INPUT_COLUMNS = MOVIE_COLUMNS.filter((c): c is InputColumnDef => c.input);

/** The columns users write with their SQL types, "title text, year int, …", for a staging table or a JSON record. */
export const INPUT_COLUMN_TYPES = INPUT_COLUMNS.map((c) => `${c.name} ${c.sqlType}`).join(', ');

/** The names of the columns users write, in table order; `mpa` only when the live table has it. */
export function inputColumnNames(withMpa = true): InputColumn[] {
  return INPUT_COLUMNS.filter((c) => withMpa || !('addedBy' in c)).map((c) => c.name);
}

/** Why a movie with a rating cannot be stored on a database without the mpa column. */
export const NO_MPA_COLUMN = 'this database has no mpa column yet (apply the add_mpa_column migration)';
