import type { ColumnKind, ModelColumn } from '../../../db/columns.js';
import { charCount } from '../../../db/validation.js';
import { defaultText, extraKey, type ExtraValue } from './values.js';

/**
 * The form's fields for the model's other columns (columns.ts), by type: how much each takes,
 * which characters, what it says of itself, and the few rules the form adds to the model's. Pure.
 */

/** Most characters the form takes for a text column without a length (and a list's entry): a pasted page is refused whole, as in the title. */
export const EXTRA_TEXT_MAX = 10_000;

/** Most characters the column's field takes; an edit past it is refused whole. */
export function extraMax(c: ModelColumn): number {
  switch (c.kind) {
    case 'integer':
      return 11; // -2147483648
    case 'numeric':
      return c.precision ? c.precision + 2 : 40;
    case 'date':
      return 10;
    case 'timestamp':
      return 19;
    case 'varchar':
      return c.length ?? EXTRA_TEXT_MAX;
    default:
      return EXTRA_TEXT_MAX;
  }
}

/** What a number, date or time field may hold while it is typed: no letters. */
const CHARACTERS: Partial<Record<ColumnKind, RegExp>> = {
  integer: /^\s*[+-]?\d*\s*$/,
  numeric: /^\s*[+-]?\d*\.?\d*\s*$/,
  date: /^\s*[\d-]*\s*$/,
  timestamp: /^\s*[\d-]*(?:[ T][\d:]*)?\s*$/,
};

/** Whether `text` may stand in the column's field as it is typed (the whole value is checked on save). */
export const accepts = (c: ModelColumn, text: string): boolean => CHARACTERS[c.kind]?.test(text) ?? true;

/** What the field says of itself beside it while it has the focus. */
export function hintOf(c: ModelColumn): string {
  const dflt = c.default !== undefined && defaultText(c) === '' ? `; default ${c.default}` : '';
  switch (c.kind) {
    case 'integer':
      return `whole number${dflt}`;
    case 'numeric':
      return `number${c.precision ? `, ${c.scale ? `${c.scale} decimals` : 'no decimals'}` : ''}${dflt}`;
    case 'boolean':
      return c.nullable ? 'Space: yes, no, none' : 'Space toggles';
    case 'date':
      return `YYYY-MM-DD${dflt}`;
    case 'timestamp':
      return `YYYY-MM-DD HH:MM${dflt}`;
    case 'varchar':
      return `${c.length ? `up to ${c.length} characters` : 'text'}${dflt}`;
    default:
      return dflt.slice(2);
  }
}

const isEmpty = (v: ExtraValue) => (Array.isArray(v) ? v.every((i) => i.trim() === '') : v.trim() === '');

/**
 * Whether an empty field is left out of the save so that the database fills in the model's
 * default: only for a new movie, and only a default the form could not show (now()).
 */
export const leftToDefault = (c: ModelColumn, v: ExtraValue, creating: boolean) => creating && isEmpty(v) && c.default !== undefined && defaultText(c) === '';

/**
 * What the form adds to the model's rules (validation.ts checks each value for its column, as
 * for every write path): a text column's length here, and that a stored column that may not be
 * null cannot be emptied, default or not (the database would refuse the null). By field key.
 */
export function extraProblems(c: ModelColumn, v: ExtraValue, creating: boolean): Record<string, string> {
  const key = extraKey(c.name);
  const long = (text: string) => charCount(text.trim()) > EXTRA_TEXT_MAX;
  if (Array.isArray(v)) {
    const at = v.findIndex(long);
    if (at >= 0) return { [`${key}[${at}]`]: `must be at most ${EXTRA_TEXT_MAX} characters` };
  } else if (c.kind === 'text' && long(v)) return { [key]: `must be at most ${EXTRA_TEXT_MAX} characters` };
  return isEmpty(v) && !c.nullable && !leftToDefault(c, v, creating) ? { [key]: 'is required' } : {};
}
