/**
 * A project's seed movies: seeds/movies.ts, an array of plain objects the user edits (the
 * course's exercise 2: "add 3 more movies of your choice"). The file is read twice: parsed by
 * @babel/parser for where each movie starts (so a bad one is reported with its line) and
 * imported with jiti for its values (so it is TypeScript as the model is, comments and all).
 */
import { readFileSync } from 'node:fs';
import { parse } from '@babel/parser';
import type { Expression, Node } from '@babel/types';
import type { ModelColumn } from './columns.js';
import { UserError } from './errors.js';
import { projectPath, type Project } from './project.js';
import { projectLoader } from './projectModel.js';
import { validateMovie, type MovieData, type MovieInput } from './validation.js';

/** The file's movies, each valid one ready to insert and each invalid one as a line to report. */
export interface SeedFile {
  /** The file as the user would name it in the project (seeds/movies.ts). */
  file: string;
  valid: MovieData[];
  /** "seeds/movies.ts:12: year must be a whole number between 1878 and 2036" */
  rejected: string[];
}

const COURSE_KEYS = new Set(['title', 'year', 'directors', 'theatre', 'mpa']);
const EXAMPLE = "export default [{ title: 'Heat', year: 1995, directors: ['Michael Mann'] }]";

/** Reads and checks every movie of the file; a file that cannot be read at all is a UserError. */
export async function readSeedFile(project: Project, path: string = project.seeds, columns: readonly ModelColumn[] = []): Promise<SeedFile> {
  const file = projectPath(project, path);
  const lines = startLines(file, readFileSync(path, 'utf8'));
  const exports = await projectLoader(project)(path);
  const movies = exports.default ?? exports.movies;
  if (!Array.isArray(movies)) throw new UserError(`${file} must export an array of movies: ${EXAMPLE}`);
  // Lines only when the literal array is what was exported, element for element.
  const lineOf = (i: number) => (lines?.length === movies.length ? `${file}:${lines[i]}` : `${file}: movie ${i + 1}`);
  const valid: MovieData[] = [];
  const rejected: string[] = [];
  movies.forEach((movie: unknown, i) => {
    if (typeof movie !== 'object' || movie === null || Array.isArray(movie)) {
      rejected.push(`${lineOf(i)}: each movie must be an object such as { title: 'Heat', year: 1995, directors: ['Michael Mann'] }`);
      return;
    }
    const result = validateMovie(inputOf(movie as Record<string, unknown>), columns);
    if (result.ok) valid.push(result.value);
    else rejected.push(`${lineOf(i)}: ${result.issues.map((issue) => `${issue.field} ${issue.message}`).join('; ')}`);
  });
  return { file, valid, rejected };
}

/** The course's columns as they are; any other key is a value for one of the model's other columns. */
function inputOf(movie: Record<string, unknown>): MovieInput {
  const input: MovieInput = {};
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(movie)) {
    if (COURSE_KEYS.has(key)) input[key as keyof Omit<MovieInput, 'extra'>] = value;
    else extra[key] = value;
  }
  return Object.keys(extra).length ? { ...input, extra } : input;
}

/**
 * The line each element of the exported array literal starts on (export default [...] or
 * export const movies = [...]), or undefined when the export is not a plain literal. A syntax
 * error is one line with its line and column.
 */
function startLines(file: string, source: string): number[] | undefined {
  let program;
  try {
    program = parse(source, { sourceType: 'module', plugins: ['typescript'] }).program;
  } catch (err) {
    const e = err as { message?: string; loc?: { line: number; column: number } };
    const what = String(e.message ?? err).replace(/\s*\(\d+:\d+\)$/, '');
    throw new UserError(e.loc ? `${file}:${e.loc.line}:${e.loc.column + 1}: ${what}` : `${file}: ${what}`);
  }
  for (const node of program.body) {
    let value: Node | null | undefined;
    if (node.type === 'ExportDefaultDeclaration') value = node.declaration;
    else if (node.type === 'ExportNamedDeclaration' && node.declaration?.type === 'VariableDeclaration') {
      value = node.declaration.declarations.find((d) => d.id.type === 'Identifier' && d.id.name === 'movies')?.init;
    }
    const array = value && unwrap(value as Expression);
    if (array?.type === 'ArrayExpression' && array.elements.every((e) => e && e.type !== 'SpreadElement')) {
      return array.elements.map((e) => e!.loc!.start.line);
    }
  }
  return undefined;
}

/** `[...] as Movie[]`, `[...] satisfies Movie[]`, `([...])`: the array inside. */
function unwrap(node: Expression): Expression {
  if (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' || node.type === 'ParenthesizedExpression') return unwrap(node.expression);
  return node;
}
