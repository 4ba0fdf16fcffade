/**
 * The import/export file format, shared by both directions so an export imports back
 * exactly: CSV with the header `title,year,directors,theatre,mpa` (directors separated by
 * ";", RFC 4180 quoting), or a JSON array of objects with those keys (directors an array).
 */
import { UsageError } from '../db/errors.js';
import { INPUT_COLUMNS, inputColumnNames, type InputColumn, type Movie } from '../db/movie.js';
import type { MovieInput } from '../db/validation.js';

/** A file's columns: the movie's input columns, in table order. */
export const COLUMNS: readonly Column[] = inputColumnNames();
export type Column = InputColumn;
/** Columns a CSV file must have; theatre defaults to true and mpa to none. */
export const REQUIRED_COLUMNS: readonly Column[] = INPUT_COLUMNS.filter((c) => c.required).map((c) => c.name);
/** The errors file adds this column; importing that file again ignores it. */
export const ERROR_COLUMN = 'error';

export type Format = 'csv' | 'json';
export const FORMATS: readonly Format[] = ['csv', 'json'];

/** A row as written in a CSV file: every field a string. */
export type CsvRecord = Record<Column, string>;

/** CSV fields to the loosely typed input every write path validates. */
export function csvToInput(r: Partial<CsvRecord>): MovieInput {
  return {
    title: r.title,
    year: r.year,
    directors: r.directors === undefined ? undefined : r.directors.split(';').map((d) => d.trim()).filter((d) => d !== ''),
    theatre: parseBoolean(r.theatre),
    mpa: r.mpa,
  };
}

const TRUE = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0']);

/** Empty means "the default"; anything unrecognised is passed on for validation to refuse. */
function parseBoolean(value: string | undefined): unknown {
  const v = value?.trim().toLowerCase();
  if (v === undefined || v === '') return undefined;
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return value;
}

/** A JSON element's fields as a CSV row (for the errors file); anything odd is kept readable. */
export function jsonToCsv(value: unknown): Partial<CsvRecord> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { title: JSON.stringify(value) ?? '' };
  const o = value as Record<string, unknown>;
  const text = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  return {
    title: text(o.title),
    year: text(o.year),
    directors: Array.isArray(o.directors) ? o.directors.map(text).join(';') : text(o.directors),
    theatre: text(o.theatre),
    mpa: text(o.mpa),
  };
}

export function jsonToInput(value: unknown): MovieInput | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  return { title: o.title, year: o.year, directors: o.directors, theatre: o.theatre, mpa: o.mpa };
}

/** A stored movie as a CSV row. */
export function movieToCsv(m: Movie): CsvRecord {
  return { title: m.title, year: String(m.year), directors: m.directors.join(';'), theatre: String(m.theatre), mpa: m.mpa ?? '' };
}

/** A stored movie as a JSON element (no id: the importing database assigns its own). */
export function movieToJson(m: Movie): Record<Column, unknown> {
  return { title: m.title, year: m.year, directors: m.directors, theatre: m.theatre, mpa: m.mpa ?? null };
}

/** The format a file name implies, if any. */
export function formatOfPath(path: string): Format | undefined {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext === 'csv' || ext === 'json' ? ext : undefined;
}

/** The format asked for, else the file name's; a usage error (exit 2) for import and export alike when neither says. */
export function formatFor(path: string, asked?: Format): Format {
  const format = asked ?? formatOfPath(path);
  if (!format) throw new UsageError(`cannot tell the format of ${path}: name it .csv or .json, or pass --format csv|json`);
  return format;
}
