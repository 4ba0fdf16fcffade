/**
 * The model's columns beyond the course's, read from MikroORM's metadata (the built-in model or
 * a project's) as plain ModelColumns, and kept to those the live table has.
 */
import type { EntityProperty, MikroORM } from '@mikro-orm/core';
import { COURSE_COLUMNS, kindOfSqlType, type ModelColumn } from './columns.js';

/** The model's own columns (any the live table lacks included), in model order. */
export function modelColumnsOf(orm: MikroORM): ModelColumn[] {
  const meta = orm.getMetadata().find('Movie');
  if (!meta) return [];
  return Object.values(meta.properties)
    .filter((p) => !COURSE_COLUMNS.includes(p.name) && p.persist !== false && p.fieldNames?.length === 1)
    .map(toColumn);
}

/** modelColumnsOf, kept to the columns the live table has. */
export function liveModelColumns(orm: MikroORM, live: readonly string[]): ModelColumn[] {
  return modelColumnsOf(orm).filter((c) => live.includes(c.name));
}

function toColumn(p: EntityProperty): ModelColumn {
  const type = String(p.columnTypes?.[0] ?? p.type ?? 'text').toLowerCase();
  const column: ModelColumn = { name: p.fieldNames[0]!, kind: kindOfSqlType(type), nullable: Boolean(p.nullable) };
  const args = /\((\d+)(?:,\s*(\d+))?\)/.exec(type);
  if (column.kind === 'varchar' && (p.length ?? args?.[1])) column.length = Number(p.length ?? args?.[1]);
  if (column.kind === 'numeric' && (p.precision ?? args?.[1])) {
    column.precision = Number(p.precision ?? args?.[1]);
    column.scale = Number(p.scale ?? args?.[2] ?? 0);
  }
  const dflt = p.defaultRaw ?? (p.default === undefined || p.default === null ? undefined : String(p.default));
  if (dflt !== undefined) column.default = dflt;
  return column;
}
