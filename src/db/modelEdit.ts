/**
 * Edits of a project's model file (model/movie.ts) as text: the file is parsed with
 * @babel/parser, the property to change is found by its position in the syntax tree, and only
 * that span of text is replaced. Everything else (formatting, comments, other code) stays as
 * the user wrote it. Pure: text in, text out; a refusal is a UserError of one line.
 */
import { parse } from '@babel/parser';
import type { Node, ObjectExpression, ObjectProperty } from '@babel/types';
import { COURSE_COLUMNS, columnNameProblem, type ModelColumn } from './columns.js';
import { UserError } from './errors.js';

/** Columns the app itself relies on: never dropped or renamed from the app (theatre is in every insert, version is the trigger's). */
export const FIXED_COLUMNS: readonly string[] = COURSE_COLUMNS.filter((c) => c !== 'mpa');

export function checkName(name: string): void {
  const problem = columnNameProblem(name);
  if (problem) throw new UserError(problem);
}

interface Located {
  properties: ObjectExpression;
  /** Every token of the file, for commas between properties. */
  tokens: { type: { label: string } | string; start: number; end: number }[];
  comments: { start: number; end: number }[];
}

/** The `properties` object of `defineEntity({ name: 'Movie', … })` (or of the only defineEntity call). */
function locate(source: string): Located {
  let ast;
  try {
    ast = parse(source, { sourceType: 'module', plugins: ['typescript'], tokens: true, errorRecovery: false });
  } catch (err) {
    const { loc, message } = err as { loc?: { line: number; column: number }; message: string };
    const where = loc ? `${loc.line}:${loc.column + 1}` : '';
    throw new UserError(`the model file does not parse${where ? ` at ${where}` : ''} (${message.replace(/\s*\(\d+:\d+\)$/, '')}): fix it first (e opens it)`);
  }
  const calls: ObjectExpression[] = [];
  walk(ast.program, (node) => {
    if (node.type !== 'CallExpression') return;
    const callee = node.callee;
    const named = (callee.type === 'Identifier' && callee.name === 'defineEntity') || (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && callee.property.name === 'defineEntity');
    const arg = node.arguments[0];
    if (named && arg?.type === 'ObjectExpression') calls.push(arg);
  });
  const isMovie = (o: ObjectExpression) => o.properties.some((p) => p.type === 'ObjectProperty' && keyName(p) === 'name' && p.value.type === 'StringLiteral' && p.value.value === 'Movie');
  const entity = calls.find(isMovie) ?? (calls.length === 1 ? calls[0] : undefined);
  if (!entity) throw new UserError("the model file has no defineEntity({ name: 'Movie', … }) call to edit");
  const prop = entity.properties.find((p): p is ObjectProperty => p.type === 'ObjectProperty' && keyName(p) === 'properties');
  if (!prop || prop.value.type !== 'ObjectExpression') throw new UserError("the Movie entity's properties are not written as { … } in the model file: edit it by hand (e)");
  return { properties: prop.value, tokens: (ast.tokens ?? []) as Located['tokens'], comments: (ast.comments ?? []).map((c) => ({ start: c.start ?? 0, end: c.end ?? 0 })) };
}

function walk(node: unknown, visit: (node: Node) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  const n = node as Node & Record<string, unknown>;
  if (typeof n.type === 'string') visit(n);
  for (const [key, value] of Object.entries(n)) {
    if (key === 'loc' || key.endsWith('Comments')) continue;
    if (value && typeof value === 'object') walk(value, visit);
  }
}

function keyName(p: ObjectProperty): string | undefined {
  if (p.computed) return undefined;
  if (p.key.type === 'Identifier') return p.key.name;
  if (p.key.type === 'StringLiteral') return p.key.value;
  return undefined;
}

/** The entity's properties as written, by name. */
function propertiesOf(located: Located): Map<string, ObjectProperty> {
  const map = new Map<string, ObjectProperty>();
  for (const p of located.properties.properties) {
    if (p.type !== 'ObjectProperty') continue;
    const name = keyName(p);
    if (name !== undefined) map.set(name, p);
  }
  return map;
}

/** The property names of the Movie entity, in file order. */
export function propertyNames(source: string): string[] {
  return [...propertiesOf(locate(source)).keys()];
}

/** Where a property is written (1-based line and column), for messages about it. */
export function propertyPosition(source: string, name: string): { line: number; column: number } | undefined {
  const p = propertiesOf(locate(source)).get(name);
  return p?.loc ? { line: p.loc.start.line, column: p.loc.start.column + 1 } : undefined;
}

/** The MikroORM property builder for a column: p.integer().nullable().default(0). */
export function builderOf(c: ModelColumn): string {
  let text: string;
  switch (c.kind) {
    case 'text':
      text = 'p.text()';
      break;
    case 'varchar':
      text = `p.string()${c.length ? `.length(${c.length})` : ''}`;
      break;
    case 'integer':
      text = 'p.integer()';
      break;
    case 'numeric':
      text = `p.decimal()${c.precision ? `.precision(${c.precision}).scale(${c.scale ?? 0})` : ''}`;
      break;
    case 'boolean':
      text = 'p.boolean()';
      break;
    case 'date':
      text = 'p.date()';
      break;
    case 'timestamp':
      text = 'p.datetime()';
      break;
    case 'text[]':
      text = 'p.array()';
      break;
  }
  if (c.nullable) text += '.nullable()';
  if (c.default !== undefined) text += defaultOf(c, c.default);
  return text;
}

const SQL_NOW = /^(now\(\)|current_date|current_timestamp|localtimestamp)$/i;

/** The default as MikroORM writes it, checked against the column's kind. */
function defaultOf(c: ModelColumn, value: string): string {
  const v = value.trim();
  const bad = (what: string) => new UserError(`the default "${value}" is not ${what}`);
  switch (c.kind) {
    case 'integer':
      if (!/^[+-]?\d+$/.test(v) || !Number.isSafeInteger(Number(v)) || Math.abs(Number(v)) > 2147483647) throw bad('a whole number (such as 0)');
      return `.default(${Number(v)})`;
    case 'numeric':
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v)) throw bad('a number (such as 0 or 12.5)');
      return `.default(${v.replace(/^\+/, '')})`;
    case 'boolean': {
      const word = v.toLowerCase();
      if (['true', 'yes', 'y', 't', '1', 'on'].includes(word)) return '.default(true)';
      if (['false', 'no', 'n', 'f', '0', 'off'].includes(word)) return '.default(false)';
      throw bad('yes or no');
    }
    case 'date':
    case 'timestamp':
      if (SQL_NOW.test(v)) return `.defaultRaw(${quote(v.toLowerCase())})`;
      if (c.kind === 'date' ? !/^\d{4}-\d{2}-\d{2}$/.test(v) : !/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/.test(v)) {
        throw bad(c.kind === 'date' ? 'a date as YYYY-MM-DD, or current_date' : 'a date and time as YYYY-MM-DD HH:MM, or now()');
      }
      return `.defaultRaw(${quote(`'${v}'`)})`;
    case 'text[]':
      throw new UserError('a list (text[]) column takes no default from this form: leave it empty, or edit the model file (e)');
    default:
      if (/[\u0000-\u001f\u007f]/.test(v)) throw bad('one line of plain text');
      if (c.kind === 'varchar' && c.length && [...v].length > c.length) throw bad(`at most ${c.length} characters`);
      return `.default(${quote(v)})`;
  }
}

/** A single-quoted TypeScript string literal. */
function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const lineStart = (s: string, at: number) => s.lastIndexOf('\n', at - 1) + 1;
const lineEnd = (s: string, at: number) => {
  const i = s.indexOf('\n', at);
  return i < 0 ? s.length : i;
};

/** The comments that start in [from, to). */
const commentsIn = (located: Located, from: number, to: number) => located.comments.filter((c) => c.start >= from && c.start < to);

/** Whether [from, to) holds only white space and comments. */
function onlyBlankOrComments(source: string, located: Located, from: number, to: number): boolean {
  let text = source.slice(from, to);
  for (const c of commentsIn(located, from, to).sort((a, b) => b.start - a.start)) {
    text = text.slice(0, c.start - from) + text.slice(Math.min(c.end, to) - from);
  }
  return text.trim() === '';
}

/** The comma token right after `at` (only white space and comments between), if any. */
function commaAfter(located: Located, at: number): { start: number; end: number } | undefined {
  const next = located.tokens.find((t) => t.start >= at && (typeof t.type === 'string' ? t.type : t.type.label) !== 'CommentLine' && (typeof t.type === 'string' ? t.type : t.type.label) !== 'CommentBlock');
  return next && (typeof next.type === 'string' ? next.type : next.type.label) === ',' ? next : undefined;
}

/** Adds the column as the last property of the Movie entity, written as the others are. */
export function addColumn(source: string, column: ModelColumn): string {
  checkName(column.name);
  const located = locate(source);
  const props = propertiesOf(located);
  if (props.has(column.name)) throw new UserError(`the model already has a property named ${column.name}`);
  const text = `${column.name}: ${builderOf(column)}`;
  const all = located.properties.properties;
  const last = all[all.length - 1];
  const objEnd = located.properties.end!;
  if (!last) {
    // properties: {} → properties: { name: … }
    return `${source.slice(0, objEnd - 1)} ${text} ${source.slice(objEnd - 1)}`;
  }
  const comma = commaAfter(located, last.end!);
  const trailing = comma !== undefined;
  const after = comma ? comma.end : last.end!;
  const end = lineEnd(source, after);
  const ownLine = onlyBlankOrComments(source, located, after, end) && source.slice(lineStart(source, last.start!), last.start!).trim() === '';
  const addComma = trailing ? '' : ',';
  if (ownLine) {
    const indent = source.slice(lineStart(source, last.start!), last.start!);
    const head = `${source.slice(0, last.end!)}${addComma}${source.slice(last.end!, end)}`;
    return `${head}\n${indent}${text}${trailing ? ',' : ''}${source.slice(end)}`;
  }
  // On one line with the others ({ id: …, title: … }): added there, after the last one.
  return `${source.slice(0, after)}${addComma} ${text}${trailing ? ',' : ''}${source.slice(after)}`;
}

/** Removes the property (with its own comments and its comma) from the Movie entity. */
export function dropColumn(source: string, name: string): string {
  if (FIXED_COLUMNS.includes(name)) throw new UserError(`${name} is one of the course's columns the app relies on: it cannot be dropped from here`);
  const located = locate(source);
  const prop = propertiesOf(located).get(name);
  if (!prop) throw new UserError(`the model has no property named ${name}`);
  const all = located.properties.properties;
  const index = all.indexOf(prop);
  const prev = all[index - 1];
  let start = prop.start!;
  let end = prop.end!;
  const comma = commaAfter(located, end);
  // The last property without a trailing comma takes the comma before it along.
  let before: { start: number; end: number } | undefined;
  if (comma) end = comma.end;
  else if (prev) before = commaAfter(located, prev.end!);
  const from = lineStart(source, start);
  const to = lineEnd(source, end);
  if (source.slice(from, start).trim() === '' && onlyBlankOrComments(source, located, end, to)) {
    // Alone on its lines: the lines go, with the comments directly above it (no blank line between).
    start = from;
    end = Math.min(source.length, to + 1);
    for (;;) {
      const above = lineStart(source, start - 1);
      if (start === 0 || !onlyComment(source, located, above, start - 1, prev?.end ?? located.properties.start! + 1)) break;
      start = above;
    }
  } else {
    while (end < source.length && (source[end] === ' ' || source[end] === '\t')) end++;
  }
  if (before) return source.slice(0, before.start) + source.slice(before.end, start) + source.slice(end);
  return source.slice(0, start) + source.slice(end);
}

/** Whether the line [from, to) is one comment (or several) and nothing else, after `after`. */
function onlyComment(source: string, located: Located, from: number, to: number, after: number): boolean {
  if (from < after) return false;
  const line = source.slice(from, to);
  return line.trim() !== '' && commentsIn(located, from, to).length > 0 && onlyBlankOrComments(source, located, from, to);
}

/** Renames the property's key (the column's name) and nothing else. */
export function renameColumn(source: string, from: string, to: string): string {
  if (FIXED_COLUMNS.includes(from)) throw new UserError(`${from} is one of the course's columns the app relies on: it cannot be renamed from here`);
  checkName(to);
  const located = locate(source);
  const props = propertiesOf(located);
  const prop = props.get(from);
  if (!prop) throw new UserError(`the model has no property named ${from}`);
  if (from === to) throw new UserError(`${from} already has that name`);
  if (props.has(to)) throw new UserError(`the model already has a property named ${to}`);
  const key = prop.key;
  // { runtime } refers to a variable: keep it as the value.
  const replacement = prop.shorthand ? `${to}: ${from}` : to;
  return source.slice(0, key.start!) + replacement + source.slice(key.end!);
}
