/**
 * Reading the movie table's other columns (columns.ts) in SQL: which ones the live table has,
 * with their kinds, how to select each so that every driver (pg, PGlite) returns the plain
 * values columns.ts describes, and how to write them back.
 */
import { COURSE_COLUMNS, kindOfSqlType, type ColumnValue, type ColumnValues, type ModelColumn } from './columns.js';

/** A column name as an SQL identifier. */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The live table's columns, in table order, as the catalog describes them. */
export const LIVE_COLUMNS_SQL = `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, not a.attnotnull as nullable,
        pg_get_expr(d.adbin, d.adrelid) as dflt
   from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
  where a.attrelid = to_regclass('movie') and a.attnum > 0 and not a.attisdropped
  order by a.attnum`;

/** The columns beyond the course's. */
export const extrasOf = (columns: readonly ModelColumn[]): ModelColumn[] => columns.filter((c) => !COURSE_COLUMNS.includes(c.name));

/** LIVE_COLUMNS_SQL's rows as ModelColumns. */
export function liveColumns(rows: Record<string, unknown>[]): ModelColumn[] {
  return rows.map((r) => {
      const type = String(r.type);
      const column: ModelColumn = { name: String(r.name), kind: kindOfSqlType(type), nullable: Boolean(r.nullable) };
      const args = /\((\d+)(?:,(\d+))?\)/.exec(type);
      if (column.kind === 'varchar' && args) column.length = Number(args[1]);
      if (column.kind === 'numeric' && args && type.startsWith('numeric')) {
        column.precision = Number(args[1]);
        column.scale = Number(args[2] ?? 0);
      }
      if (r.dflt !== null && r.dflt !== undefined) column.default = String(r.dflt);
      return column;
    });
}

/**
 * The select-list item for a column read as columns.ts's plain value: numbers that need not
 * fit a JS number as text, dates and times as fixed-format text (no driver's Date objects or
 * time zones, no DateStyle), anything unknown as text.
 */
export function selectExtra(c: ModelColumn, table = 'm'): string {
  const col = `${table}.${ident(c.name)}`;
  const as = ` as ${ident(c.name)}`;
  switch (c.kind) {
    case 'date':
      return `to_char(${col}, 'YYYY-MM-DD')${as}`;
    case 'timestamp':
      return `to_char(${col}, 'YYYY-MM-DD HH24:MI:SS')${as}`;
    case 'integer':
    case 'boolean':
      return `${col}${as}`;
    case 'text[]':
      return `${col}::text[]${as}`;
    default:
      return `${col}::text${as}`;
  }
}

/** A row's value of the column as columns.ts's plain value. */
export function extraValue(c: ModelColumn, v: unknown): ColumnValue {
  if (v === null || v === undefined) return null;
  if (c.kind === 'integer') return Number(v);
  if (c.kind === 'boolean') return Boolean(v);
  if (c.kind === 'text[]') return Array.isArray(v) ? v.map(String) : [String(v)];
  return String(v);
}

/** The values of the columns in a row, by name; undefined when there are no such columns. */
export function extraValues(columns: readonly ModelColumn[], row: Record<string, unknown>): ColumnValues | undefined {
  if (columns.length === 0) return undefined;
  return Object.fromEntries(columns.map((c) => [c.name, extraValue(c, row[c.name])]));
}
