/**
 * Sorting the list by any column of the live table, with keyset pagination that stays correct
 * with ties (id breaks them) and empty values (nulls come last in either direction). title,
 * year and id keep the exact SQL their indexes (list_indexes) serve.
 */
import type { ColumnValue, ModelColumn } from './columns.js';
import { ValidationError } from './errors.js';
import { ident } from './extraColumns.js';

export type SortDirection = 'asc' | 'desc';

/** Position in a sorted list: the sort key and id of a row (keyset pagination, never OFFSET). */
export interface Cursor {
  /** The row's sort key as cursorOf computes it; null when the row has no value there. */
  key: string | number | boolean | null;
  id: number;
}

interface SortSpec {
  /** The SQL expression rows are ordered by. */
  expr: string;
  /** Whether it can be null (then nulls come last). */
  nullable: boolean;
}

// The indexed sort orders: titles ignoring case.
const FAST: Record<string, string> = { title: 'lower(m.title)', year: 'm.year', id: 'm.id' };

/** How to order by `name`, one of the live table's columns (`live`, every column in table order). */
export function sortSpec(name: string, live: readonly ModelColumn[]): SortSpec {
  const fast = FAST[name];
  if (fast) return { expr: fast, nullable: false };
  const c = live.find((col) => col.name === name);
  if (!c) {
    const names = ['title', 'year', 'id', ...live.map((col) => col.name).filter((n) => !FAST[n])];
    throw new ValidationError([{ field: 'sort', message: `there is no column "${name}" to sort by (columns: ${names.join(', ')})` }]);
  }
  const col = `m.${ident(c.name)}`;
  // Text sorts ignoring case, like titles; a list by its text; a time to the second (what reads return).
  const expr = c.kind === 'text' || c.kind === 'varchar' ? `lower(${col})` : c.kind === 'text[]' ? `lower(array_to_string(${col}, '; '))` : c.kind === 'timestamp' ? `date_trunc('second', ${col})` : col;
  return { expr, nullable: c.nullable };
}

/** The sort key of a value as the database computes sortSpec's expression (text lower-cased, a list as its text). */
export function sortKey(value: ColumnValue | undefined): Cursor['key'] {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.join('; ').toLowerCase();
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/**
 * The ORDER BY and the keyset condition for reading in `readDir` after `cursor`, for a list
 * shown in `direction`: nulls last as shown, so first when reading backwards.
 */
export function keyset(spec: SortSpec, direction: SortDirection, readDir: SortDirection, cursor: Cursor | undefined, params: unknown[]): { order: string; where?: string } {
  const op = readDir === 'asc' ? '>' : '<';
  if (!spec.nullable) {
    if (!cursor) return { order: `${spec.expr} ${readDir}, m.id ${readDir}` };
    params.push(cursor.key, cursor.id);
    return { order: `${spec.expr} ${readDir}, m.id ${readDir}`, where: `(${spec.expr}, m.id) ${op} (?, ?)` };
  }
  const nullsAtEnd = readDir === direction;
  const order = `${spec.expr} ${readDir} nulls ${nullsAtEnd ? 'last' : 'first'}, m.id ${readDir}`;
  if (!cursor) return { order };
  if (cursor.key === null) {
    params.push(cursor.id);
    const tie = `(${spec.expr} is null and m.id ${op} ?)`;
    return { order, where: nullsAtEnd ? tie : `(${spec.expr} is not null or ${tie})` };
  }
  params.push(cursor.key, cursor.id);
  const after = `(${spec.expr}, m.id) ${op} (?, ?)`;
  return { order, where: nullsAtEnd ? `(${after} or ${spec.expr} is null)` : after };
}
