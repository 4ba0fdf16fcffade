/**
 * The model's columns beyond the course's (runtime, budget, released, …): what a learner adds
 * to a project's model. Described as plain data so the list, form, validation, CLI and file
 * formats follow the model without knowing MikroORM. Pure: no imports.
 */

/** The types a column can have; the Model screen's picker offers exactly these. */
export const COLUMN_KINDS = ['text', 'varchar', 'integer', 'numeric', 'boolean', 'date', 'timestamp', 'text[]'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export interface ModelColumn {
  /** The property's name, which is also the column's. */
  name: string;
  kind: ColumnKind;
  /** varchar(n): at most n characters. */
  length?: number;
  /** numeric(p,s): p digits in all, s of them after the point. */
  precision?: number;
  scale?: number;
  nullable: boolean;
  /** The SQL default the model gives, if any: such a column may be left out. */
  default?: string;
}

/**
 * A value of such a column as plain data: integer → number; numeric → string (exact, as
 * PostgreSQL prints it); date → "YYYY-MM-DD"; timestamp → "YYYY-MM-DD HH:MM:SS"; text[] →
 * string[]; null when empty.
 */
export type ColumnValue = string | number | boolean | string[] | null;
export type ColumnValues = Record<string, ColumnValue>;

/** The course's columns, which keep their own rules (validation.ts); every other model column is a ModelColumn. */
export const COURSE_COLUMNS: readonly string[] = ['id', 'title', 'year', 'directors', 'theatre', 'mpa', 'version'];

/** The kind of a column from its SQL type as PostgreSQL or MikroORM names it (format_type: "character varying(80)", "numeric(6,2)", "timestamp without time zone"). */
/** A name PostgreSQL and the naming strategy keep as it is: lower case, digits, underscores, at most 63 characters. */
const COLUMN_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Why `name` cannot name a new column (or property) of the model, else undefined. */
export function columnNameProblem(name: string): string | undefined {
  if (!COLUMN_NAME.test(name)) return `"${name}" is not a column name: use lower-case letters, digits and _ (starting with a letter or _), at most 63 characters, e.g. runtime`;
  if (name === '__proto__' || name === 'constructor') return `"${name}" cannot be a property name`;
  return undefined;
}

export function kindOfSqlType(sqlType: string): ColumnKind {
  const type = sqlType.trim().toLowerCase();
  if (type.endsWith('[]')) return 'text[]';
  if (/^(varchar|character varying)/.test(type)) return 'varchar';
  if (/^(int|integer|int4|smallint|int2|bigint|int8|serial|bigserial|smallserial)\b/.test(type)) return 'integer';
  if (/^(numeric|decimal|double|real|float)/.test(type)) return 'numeric';
  if (/^bool/.test(type)) return 'boolean';
  if (/^date\b/.test(type)) return 'date';
  if (/^timestamp/.test(type)) return 'timestamp';
  return 'text';
}

/** The column's SQL type as a migration writes it: varchar(80), numeric(6,2), text[]. */
export function sqlTypeOf(c: ModelColumn): string {
  if (c.kind === 'varchar') return c.length ? `varchar(${c.length})` : 'varchar';
  if (c.kind === 'numeric') return c.precision ? `numeric(${c.precision},${c.scale ?? 0})` : 'numeric';
  return c.kind;
}

/** What the Model screen and `db info` say of it: "runtime integer null", "released date default now()". */
export function describeColumn(c: ModelColumn): string {
  return `${c.name} ${sqlTypeOf(c)}${c.nullable ? ' null' : ''}${c.default !== undefined ? ` default ${c.default}` : ''}`;
}

/** A value must be given when the column is neither nullable nor defaulted. */
export const isRequired = (c: ModelColumn): boolean => !c.nullable && c.default === undefined;

/** The value as one line of text: for table cells, details, CSV and the form's initial text. Empty for null. */
export function columnText(c: ModelColumn, v: ColumnValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join('; ');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

export type ParsedValue = { ok: true; value: ColumnValue } | { ok: false; message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const TRUE = ['true', 'yes', 'y', '1', 't', 'on'];
const FALSE = ['false', 'no', 'n', '0', 'f', 'off'];

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * Reads a value for column `c` from what a write path hands in: text from the form, the CLI's
 * --set, a CSV cell, or a typed JSON value. Empty text is null (then "is required" if the
 * column must have a value). Text-level rules (control characters, …) are validation.ts's.
 */
export function parseColumnValue(c: ModelColumn, raw: unknown): ParsedValue {
  const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '') || (Array.isArray(raw) && raw.length === 0 && c.kind !== 'text[]');
  if (empty) return isRequired(c) ? { ok: false, message: 'is required' } : { ok: true, value: null };
  const text = typeof raw === 'string' ? raw.trim() : undefined;
  switch (c.kind) {
    case 'text':
    case 'varchar': {
      if (typeof raw !== 'string') return { ok: false, message: 'must be text' };
      if (c.length && [...text!].length > c.length) return { ok: false, message: `must be at most ${c.length} characters` };
      return { ok: true, value: text! };
    }
    case 'integer': {
      const n = typeof raw === 'number' ? raw : text !== undefined && /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
      // A whole number out of integer's range (2147483648) is told so, not called "not a whole number".
      if (!Number.isInteger(n)) return { ok: false, message: 'must be a whole number (such as 142)' };
      if (n > 2147483647 || n < -2147483648) return { ok: false, message: 'must be between -2147483648 and 2147483647' };
      return { ok: true, value: n };
    }
    case 'numeric': {
      const s = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : text;
      const m = s === undefined ? null : /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s);
      if (!m || (m[2] === '' && !m[3])) return { ok: false, message: 'must be a number (such as 12.5)' };
      const whole = m[2]!.replace(/^0+(?=\d)/, '');
      const fraction = m[3] ?? '';
      if (c.precision) {
        const scale = c.scale ?? 0;
        if (fraction.replace(/0+$/, '').length > scale) return { ok: false, message: scale ? `must have at most ${scale} digits after the point` : 'must be a whole number' };
        if ((whole === '0' ? 0 : whole.length) > c.precision - scale) return { ok: false, message: `must be less than 1${'0'.repeat(c.precision - scale)}` };
      }
      return { ok: true, value: `${m[1] === '-' ? '-' : ''}${whole || '0'}${fraction ? `.${fraction}` : ''}` };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const word = text?.toLowerCase();
      if (word !== undefined && TRUE.includes(word)) return { ok: true, value: true };
      if (word !== undefined && FALSE.includes(word)) return { ok: true, value: false };
      return { ok: false, message: 'must be yes or no' };
    }
    case 'date':
      if (text === undefined || !validDate(text)) return { ok: false, message: 'must be a date as YYYY-MM-DD (such as 1994-10-14)' };
      return { ok: true, value: text };
    case 'timestamp': {
      const m = text === undefined ? null : TIMESTAMP.exec(text);
      if (!m || !validDate(m[1]!) || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) {
        return { ok: false, message: 'must be a date and time as YYYY-MM-DD HH:MM (such as 1994-10-14 20:30)' };
      }
      return { ok: true, value: `${m[1]} ${m[2]}:${m[3]}:${m[4] ?? '00'}` };
    }
    case 'text[]': {
      const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(';') : undefined;
      if (!items || items.some((i) => typeof i !== 'string')) return { ok: false, message: 'must be a list of text (separated by ";")' };
      const list = (items as string[]).map((i) => i.trim()).filter((i) => i !== '');
      if (list.length === 0 && isRequired(c)) return { ok: false, message: 'is required' };
      return { ok: true, value: list };
    }
  }
}
