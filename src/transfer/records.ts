/**
 * The import/export file format, shared by both directions so an export imports back
 * exactly: CSV with the header `title,year,directors,theatre,mpa` (directors separated by
 * ";", RFC 4180 quoting), or a JSON array of objects with those keys (directors an array).
 */
import { UsageError } from '../db/errors.js';
import { INPUT_COLUMNS, inputColumnNames, type InputColumn, type Movie } from '../db/movie.js';
import type { MovieInput } from '../db/validation.js';
import { columnText, isRequired, type ModelColumn } from '../db/columns.js';

/** A file's columns: the movie's input columns, in table order. */
export const COLUMNS: readonly Column[] = inputColumnNames();
export type Column = InputColumn;
/** Columns a CSV file must have; theatre defaults to true and mpa to none. */
export const REQUIRED_COLUMNS: readonly Column[] = INPUT_COLUMNS.filter((c) => c.required).map((c) => c.name);
/** The errors file adds this column; importing that file again ignores it. */
export const ERROR_COLUMN = 'error';

export type Format = 'csv' | 'json';
export const FORMATS: readonly Format[] = ['csv', 'json'];

/** A file's columns with the model's other ones after the course's: the CSV header, the JSON keys. */
export const fileColumns = (extras: readonly ModelColumn[]): string[] => [...COLUMNS, ...extras.map((c) => c.name)];
/** The columns a CSV file must have: the course's, and the model's others that are neither nullable nor defaulted. */
export const requiredColumns = (extras: readonly ModelColumn[]): string[] => [...REQUIRED_COLUMNS, ...extras.filter(isRequired).map((c) => c.name)];

/** A row as written in a CSV file: every field a string (the model's other columns by name). */
export type CsvRecord = Record<Column, string> & Record<string, string>;

/** The values given for the model's other columns, by name; undefined when none is. */
function extraOf(o: Record<string, unknown>, extras: readonly ModelColumn[]): Record<string, unknown> | undefined {
  const given = extras.filter((c) => o[c.name] !== undefined);
  return given.length > 0 ? Object.fromEntries(given.map((c) => [c.name, o[c.name]])) : undefined;
}

/** CSV fields to the loosely typed input every write path validates. */
export function csvToInput(r: Partial<CsvRecord>, extras: readonly ModelColumn[] = []): MovieInput {
  const input: MovieInput = {
    title: r.title,
    year: r.year,
    directors: r.directors === undefined ? undefined : r.directors.split(';').map((d) => d.trim()).filter((d) => d !== ''),
    theatre: parseBoolean(r.theatre),
    mpa: r.mpa,
  };
  const extra = extraOf(r, extras);
  return extra ? { ...input, extra } : input;
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
export function jsonToCsv(value: unknown, extras: readonly ModelColumn[] = []): Partial<CsvRecord> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { title: JSON.stringify(value) ?? '' };
  const o = value as Record<string, unknown>;
  const text = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  return {
    title: text(o.title),
    year: text(o.year),
    directors: Array.isArray(o.directors) ? o.directors.map(text).join(';') : text(o.directors),
    theatre: text(o.theatre),
    mpa: text(o.mpa),
    ...Object.fromEntries(extras.filter((c) => o[c.name] !== undefined).map((c) => [c.name, Array.isArray(o[c.name]) ? (o[c.name] as unknown[]).map(text).join(';') : text(o[c.name])])),
  };
}

export function jsonToInput(value: unknown, extras: readonly ModelColumn[] = []): MovieInput | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  const input: MovieInput = { title: o.title, year: o.year, directors: o.directors, theatre: o.theatre, mpa: o.mpa };
  const extra = extraOf(o, extras);
  return extra ? { ...input, extra } : input;
}

/** A stored movie as a CSV row; the model's other columns as text (a list "a; b", a yes/no). */
export function movieToCsv(m: Movie, extras: readonly ModelColumn[] = []): CsvRecord {
  const row: CsvRecord = { title: m.title, year: String(m.year), directors: m.directors.join(';'), theatre: String(m.theatre), mpa: m.mpa ?? '' };
  for (const c of extras) row[c.name] = columnText(c, m.extra?.[c.name]);
  return row;
}

/** A stored movie as a JSON element (no id: the importing database assigns its own); the model's other columns by name. */
export function movieToJson(m: Movie, extras: readonly ModelColumn[] = []): Record<string, unknown> {
  const json: Record<string, unknown> = { title: m.title, year: m.year, directors: m.directors, theatre: m.theatre, mpa: m.mpa ?? null };
  for (const c of extras) json[c.name] = m.extra?.[c.name] ?? null;
  return json;
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
