// Edits of a project's model file from the app: only the property touched changes; the user's
// formatting and comments stay. Run on the model file `init` writes, and on oddly formatted ones.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addColumn, dropColumn, propertyNames, renameColumn } from '../src/db/modelEdit.js';
import type { ModelColumn } from '../src/db/columns.js';

// init copies src/db/entities.ts as the project's model/movie.ts (scripts/bundle.mjs).
const TEMPLATE = readFileSync(new URL('../src/db/entities.ts', import.meta.url), 'utf8');
const runtime: ModelColumn = { name: 'runtime', kind: 'integer', nullable: true };

/** The text with one line inserted after the line containing `after`. */
const withLine = (text: string, after: string, line: string) => text.replace(`${after}\n`, `${after}\n${line}\n`);

describe('adding a column to the model file', () => {
  it('adds it as the last property, indented as the others, keeping every comment', () => {
    const out = addColumn(TEMPLATE, runtime);
    expect(out).toBe(withLine(TEMPLATE, '    version: p.integer().default(1),', '    runtime: p.integer().nullable(),'));
    expect(out).toContain('// Bumped by a trigger (versions_and_changes), not by MikroORM: psql edits must count too.');
    expect(propertyNames(out)).toEqual(['id', 'title', 'year', 'directors', 'theatre', 'mpa', 'version', 'runtime']);
  });

  it('writes every kind of the picker as MikroORM property builders', () => {
    const cases: [ModelColumn, string][] = [
      [{ name: 'note', kind: 'text', nullable: false, default: "it's" }, "note: p.text().default('it\\'s')"],
      [{ name: 'code', kind: 'varchar', length: 12, nullable: true }, 'code: p.string().length(12).nullable()'],
      [{ name: 'runtime', kind: 'integer', nullable: false, default: '90' }, 'runtime: p.integer().default(90)'],
      [{ name: 'budget', kind: 'numeric', precision: 12, scale: 2, nullable: true }, 'budget: p.decimal().precision(12).scale(2).nullable()'],
      [{ name: 'seen', kind: 'boolean', nullable: false, default: 'no' }, 'seen: p.boolean().default(false)'],
      [{ name: 'released', kind: 'date', nullable: true, default: '1994-10-14' }, "released: p.date().nullable().defaultRaw('\\'1994-10-14\\'')"],
      [{ name: 'added_at', kind: 'timestamp', nullable: false, default: 'now()' }, "added_at: p.datetime().defaultRaw('now()')"],
      [{ name: 'tags', kind: 'text[]', nullable: true }, 'tags: p.array().nullable()'],
    ];
    for (const [column, line] of cases) expect(addColumn(TEMPLATE, column)).toContain(`    ${line},\n  },`);
  });

  it('follows odd formatting: tabs, no trailing comma, a comment after the last property', () => {
    const odd = [
      '// my model',
      "import { defineEntity, p } from '@mikro-orm/core';",
      'export const Movie = defineEntity({',
      "\tname: 'Movie',",
      '\tproperties: {',
      '\t\tid: p.integer().primary(), /* the key */',
      '\t\ttitle:   p.string().length(80) // keep it short',
      '\t},',
      '});',
      '',
    ].join('\n');
    const out = addColumn(odd, runtime);
    expect(out).toBe(odd.replace('\t\ttitle:   p.string().length(80) // keep it short\n', '\t\ttitle:   p.string().length(80), // keep it short\n\t\truntime: p.integer().nullable()\n'));
  });

  it('follows properties written without indentation', () => {
    const flat = "defineEntity({ name: 'Movie', properties: {\nid: p.integer(),\ntitle: p.string(),\n} });\n";
    expect(addColumn(flat, runtime)).toBe("defineEntity({ name: 'Movie', properties: {\nid: p.integer(),\ntitle: p.string(),\nruntime: p.integer().nullable(),\n} });\n");
  });

  it('adds on the same line when the properties are written on one line', () => {
    const one = "export const Movie = defineEntity({ name: 'Movie', properties: { id: p.integer().primary(), title: p.string() } });\n";
    expect(addColumn(one, runtime)).toBe(one.replace('title: p.string() }', 'title: p.string(), runtime: p.integer().nullable() }'));
  });

  it('refuses a name that is no identifier, one the model has, and bad defaults, with one line', () => {
    expect(() => addColumn(TEMPLATE, { ...runtime, name: 'run time' })).toThrow(/^"run time" is not a column name: use lower-case letters/);
    expect(() => addColumn(TEMPLATE, { ...runtime, name: 'Runtime' })).toThrow(/is not a column name/);
    expect(() => addColumn(TEMPLATE, { ...runtime, name: '1st' })).toThrow(/is not a column name/);
    expect(() => addColumn(TEMPLATE, { ...runtime, name: 'title' })).toThrow('the model already has a property named title');
    expect(() => addColumn(TEMPLATE, { ...runtime, default: 'ninety' })).toThrow('the default "ninety" is not a whole number (such as 0)');
    expect(() => addColumn(TEMPLATE, { name: 'd', kind: 'date', nullable: true, default: '14/10/1994' })).toThrow(/is not a date as YYYY-MM-DD/);
  });

  it('refuses a file that does not parse, naming the line and column', () => {
    const broken = TEMPLATE.replace('year: p.integer(),', 'year: p.integer((,');
    const line = broken.split('\n').findIndex((l) => l.includes('p.integer((,')) + 1;
    expect(() => addColumn(broken, runtime)).toThrow(new RegExp(`^the model file does not parse at ${line}:\\d+ `));
  });
});

describe('dropping a column from the model file', () => {
  const added = addColumn(TEMPLATE, runtime);

  it('removes only its line, leaving every other line and comment as it was', () => {
    expect(dropColumn(added, 'runtime')).toBe(TEMPLATE);
  });

  it('takes the comments directly above it along, not those of its neighbours', () => {
    const text = withLine(withLine(TEMPLATE, '    mpa: p.string().length(5).nullable(),', '    // minutes, from the poster\n    runtime: p.integer().nullable(), // may be unknown'), '    runtime: p.integer().nullable(), // may be unknown', '');
    expect(dropColumn(text, 'runtime')).toBe(withLine(TEMPLATE, '    mpa: p.string().length(5).nullable(),', ''));
    // mpa is the course's but optional; version's comment stays when mpa goes.
    expect(dropColumn(TEMPLATE, 'mpa')).toBe(TEMPLATE.replace('    mpa: p.string().length(5).nullable(),\n', ''));
  });

  it('handles the last property without a trailing comma, and one-line objects', () => {
    const odd = "defineEntity({ name: 'Movie', properties: {\n  id: p.integer(),\n  runtime: p.integer() // gone\n} });\n";
    expect(dropColumn(odd, 'runtime')).toBe("defineEntity({ name: 'Movie', properties: {\n  id: p.integer()\n} });\n");
    const one = "defineEntity({ name: 'Movie', properties: { id: p.integer(), runtime: p.integer(), year: p.integer() } });";
    expect(dropColumn(one, 'runtime')).toBe("defineEntity({ name: 'Movie', properties: { id: p.integer(), year: p.integer() } });");
  });

  it('refuses the course columns the app relies on, and unknown names', () => {
    for (const name of ['id', 'title', 'year', 'directors']) expect(() => dropColumn(TEMPLATE, name)).toThrow(`${name} is one of the course's columns the app relies on: it cannot be dropped from here`);
    expect(() => dropColumn(TEMPLATE, 'runtime')).toThrow('the model has no property named runtime');
  });
});

describe('renaming a column in the model file', () => {
  it('changes the key only', () => {
    const added = addColumn(TEMPLATE, runtime);
    expect(renameColumn(added, 'runtime', 'length_minutes')).toBe(added.replace('    runtime: p.integer().nullable(),', '    length_minutes: p.integer().nullable(),'));
    expect(renameColumn("defineEntity({ name: 'Movie', properties: { 'runtime': p.integer() } })", 'runtime', 'minutes')).toBe("defineEntity({ name: 'Movie', properties: { minutes: p.integer() } })");
  });

  it('refuses course columns, taken names and non-identifiers', () => {
    const added = addColumn(TEMPLATE, runtime);
    expect(() => renameColumn(added, 'title', 'name')).toThrow("title is one of the course's columns the app relies on: it cannot be renamed from here");
    expect(() => renameColumn(added, 'runtime', 'year')).toThrow('the model already has a property named year');
    expect(() => renameColumn(added, 'runtime', 'run-time')).toThrow('"run-time" is not a column name');
  });
});
