// The model's other columns as plain data (columns.ts): reading values for each kind, the kind
// of an SQL type, the sort key the database computes, and checkExtras' field names. Pure.
import { describe, expect, it } from 'vitest';
import { kindOfSqlType, parseColumnValue, type ModelColumn } from '../src/db/columns.js';
import { sortKey } from '../src/db/sort.js';
import { checkExtras } from '../src/db/validation.js';

const col = (kind: ModelColumn['kind'], more: Partial<ModelColumn> = {}): ModelColumn => ({ name: 'c', kind, nullable: true, ...more });

describe('parseColumnValue', () => {
  it('reads each kind from text and from typed values', () => {
    expect(parseColumnValue(col('integer'), ' 142 ')).toEqual({ ok: true, value: 142 });
    expect(parseColumnValue(col('integer'), 3000000000)).toMatchObject({ ok: false });
    expect(parseColumnValue(col('numeric', { precision: 6, scale: 2 }), '0012.5')).toEqual({ ok: true, value: '12.5' });
    expect(parseColumnValue(col('numeric', { precision: 6, scale: 2 }), '12345.5')).toEqual({ ok: false, message: 'must be less than 10000' });
    expect(parseColumnValue(col('boolean'), 'Yes')).toEqual({ ok: true, value: true });
    expect(parseColumnValue(col('date'), '2024-02-30')).toMatchObject({ ok: false });
    expect(parseColumnValue(col('timestamp'), '2024-02-29T08:05')).toEqual({ ok: true, value: '2024-02-29 08:05:00' });
    expect(parseColumnValue(col('text[]'), 'a; ;b')).toEqual({ ok: true, value: ['a', 'b'] });
    expect(parseColumnValue(col('varchar', { length: 3 }), 'abcd')).toEqual({ ok: false, message: 'must be at most 3 characters' });
  });

  it('empty is null, or "is required" for a column neither nullable nor defaulted', () => {
    expect(parseColumnValue(col('integer'), ' ')).toEqual({ ok: true, value: null });
    expect(parseColumnValue(col('integer', { nullable: false }), '')).toEqual({ ok: false, message: 'is required' });
    expect(parseColumnValue(col('integer', { nullable: false, default: '0' }), '')).toEqual({ ok: true, value: null });
  });
});

describe('kindOfSqlType, sortKey and checkExtras', () => {
  it('knows PostgreSQL type names as format_type prints them', () => {
    expect(['character varying(80)', 'numeric(6,2)', 'timestamp without time zone', 'timestamp with time zone', 'bigint', 'double precision', 'character varying(10)[]', 'jsonb'].map(kindOfSqlType)).toEqual([
      'varchar', 'numeric', 'timestamp', 'timestamp', 'integer', 'numeric', 'text[]', 'text',
    ]);
  });

  it('sort keys are lower-cased text and lists as their text', () => {
    expect([sortKey('Beta'), sortKey(['B', 'a']), sortKey(null), sortKey(3), sortKey(true)]).toEqual(['beta', 'b; a', null, 3, true]);
  });

  it('checkExtras names the column of each problem, odd text included, and leaves out what was not given', () => {
    const columns = [col('text', { name: 'studio', nullable: false }), col('integer', { name: 'runtime' }), col('text[]', { name: 'tags' })];
    expect(checkExtras(columns, { runtime: '9', tags: ['a;b'], other: 1, studio: 'x\u0007' })).toEqual({
      values: { runtime: 9 },
      issues: [
        { field: 'other', message: 'is not a column of the model' },
        { field: 'studio', message: 'must not contain control characters (found U+0007)' },
        { field: 'tags', message: 'must not contain ";" (it separates items in CSV files)' },
      ],
    });
    expect(checkExtras(columns, {})).toEqual({ values: {}, issues: [{ field: 'studio', message: 'is required' }] });
  });
});
