/**
 * `--set column=value` for add and edit: any column of the model by name, the course's
 * included (title, year, directors "A; B", theatre yes/no, mpa), values as text that the store
 * parses for the column's type. Unknown columns are a usage error, before anything is written.
 */
import { InvalidArgumentError } from 'commander';
import type { ModelColumn } from '../db/columns.js';
import { UsageError } from '../db/errors.js';
import type { MovieInput } from '../db/validation.js';

export interface SetValue {
  column: string;
  value: string;
}

/** Parses one --set (column=value) and adds it to the ones before it. */
export function collectSet(text: string, previous: SetValue[] = []): SetValue[] {
  const at = text.indexOf('=');
  const column = at < 0 ? '' : text.slice(0, at).trim();
  if (!column) throw new InvalidArgumentError('write it as column=value (e.g. --set runtime=142; an empty value clears the column)');
  return [...previous, { column, value: text.slice(at + 1) }];
}

const COURSE_SET = ['title', 'year', 'directors', 'theatre', 'mpa'];
const BY_DATABASE = ['id', 'version'];

/** The --set values of the course's columns, over the flags' input; checked without the database. */
export function applyCourseSets(input: MovieInput, sets: readonly SetValue[]): MovieInput {
  const result: MovieInput = { ...input };
  for (const { column, value } of sets) {
    if (BY_DATABASE.includes(column)) throw new UsageError(`--set ${column}=…: ${column} is set by the database, not by you`);
    if (column === 'directors') result.directors = value.split(';').map((d) => d.trim()).filter((d) => d !== '');
    else if (column === 'theatre') result.theatre = /^(yes|y|true|t|1|on)$/i.test(value.trim()) ? true : /^(no|n|false|f|0|off)$/i.test(value.trim()) ? false : value;
    else if (column === 'mpa') result.mpa = value.trim() === '' ? null : value;
    else if (column === 'title' || column === 'year') result[column] = value;
  }
  return result;
}

/** The --set values of the model's other columns in `input.extra`; a column the model lacks is a usage error. */
export function applyExtraSets(input: MovieInput, sets: readonly SetValue[], columns: readonly ModelColumn[]): MovieInput {
  const extra: Record<string, unknown> = {};
  for (const { column, value } of sets) {
    if (COURSE_SET.includes(column)) continue;
    if (!columns.some((c) => c.name === column)) {
      const names = [...COURSE_SET, ...columns.map((c) => c.name)];
      throw new UsageError(`--set ${column}=…: the model has no column "${column}" (columns you can set: ${names.join(', ')}); nothing was written`);
    }
    extra[column] = value;
  }
  return Object.keys(extra).length > 0 ? { ...input, extra } : input;
}

/** Whether the --set values name the column (for add's required fields). */
export const setsColumn = (sets: readonly SetValue[], column: string) => sets.some((s) => s.column === column);
