import { z } from 'zod';
import { ValidationError, type FieldIssue } from './errors.js';

/** Ratings the MPA uses today; empty means "not rated". */
export const MPA_RATINGS = ['G', 'PG', 'PG-13', 'R', 'NC-17'] as const;
export type MpaRating = (typeof MPA_RATINGS)[number];

export const TITLE_MAX = 80;
/** The year of the first motion picture (Muybridge's "The Horse in Motion"). */
export const YEAR_MIN = 1878;
/** Announced films may be dated up to ten years ahead. */
export const yearMax = (now = new Date()) => now.getFullYear() + 10;

/** A movie as every write path (CLI, form, seed, import) hands it in: loosely typed. */
export interface MovieInput {
  title?: unknown;
  year?: unknown;
  directors?: unknown;
  theatre?: unknown;
  mpa?: unknown;
}

/** A movie that passed validation: what the database stores. */
export interface MovieData {
  title: string;
  year: number;
  directors: string[];
  theatre: boolean;
  mpa: MpaRating | null;
}

// C0 and C1 control characters (tab and newline included: a title is one line).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// PostgreSQL counts characters (code points), not UTF-16 units.
const charCount = (s: string) => [...s].length;

function yearSchema() {
  const max = yearMax();
  const message = `must be a whole number between ${YEAR_MIN} and ${max}`;
  return z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: message }).int({ error: message }).min(YEAR_MIN, { error: message }).max(max, { error: message }),
  );
}

const title = z
  .string({ error: 'is required' })
  .trim()
  .min(1, { error: 'is required' })
  .refine((s) => charCount(s) <= TITLE_MAX, { error: `must be at most ${TITLE_MAX} characters` })
  .refine((s) => !CONTROL.test(s), { error: 'must not contain control characters' });

const director = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .refine((s) => !CONTROL.test(s), { error: 'must not contain control characters' })
  // Import and export files separate directors with ";".
  .refine((s) => !s.includes(';'), { error: 'must not contain ";" (it separates directors in CSV files)' });

const directors = z
  .array(director, { error: 'at least one director is required' })
  .min(1, { error: 'at least one director is required' });

const theatre = z.boolean({ error: 'must be true or false' });

const mpa = z.preprocess(
  (v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : typeof v === 'string' ? v.trim().toUpperCase() : v),
  z.enum(MPA_RATINGS, { error: `must be empty or one of ${MPA_RATINGS.join(', ')}` }).nullable(),
);

// Built once per calendar year (the upper bound moves with it): an import validates a million rows.
let schema: { year: number; schema: ReturnType<typeof buildSchema> } | undefined;
function buildSchema() {
  return z.object({ title, year: yearSchema(), directors, theatre: theatre.default(true), mpa });
}
function movieSchema() {
  const year = new Date().getFullYear();
  if (schema?.year !== year) schema = { year, schema: buildSchema() };
  return schema.schema;
}

function toIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('') || 'movie',
    message: issue.message,
  }));
}

export type ValidationResult = { ok: true; value: MovieData } | { ok: false; issues: FieldIssue[] };

/** Checks a whole movie. Every write path goes through here, so the rules live in one place. */
export function validateMovie(input: MovieInput): ValidationResult {
  const parsed = movieSchema().safeParse(input);
  if (!parsed.success) return { ok: false, issues: toIssues(parsed.error) };
  return { ok: true, value: parsed.data as MovieData };
}

/** Like validateMovie, but throws a ValidationError naming every failing field. */
export function parseMovie(input: MovieInput): MovieData {
  const result = validateMovie(input);
  if (!result.ok) throw new ValidationError(result.issues);
  return result.value;
}
