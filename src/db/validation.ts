import { z } from 'zod';
import { parseColumnValue, type ColumnValues, type ModelColumn } from './columns.js';
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
  /** Values for the model's other columns (columns.ts), by column name; text or typed values. */
  extra?: Record<string, unknown>;
}

/** A movie that passed validation: what the database stores. */
export interface MovieData {
  title: string;
  year: number;
  directors: string[];
  theatre: boolean;
  mpa: MpaRating | null;
  /** The model's other columns, parsed (columns.ts); only those given. */
  extra?: ColumnValues;
}

/** A director's name, in characters: generous, but a paste of a whole page is refused. */
export const DIRECTOR_MAX = 100;

// PostgreSQL counts characters (code points), not UTF-16 units.
export const charCount = (s: string) => [...s].length;

// C0 and C1 control characters (tab and newline included: a title is one line). ESC among
// them is what starts a terminal escape sequence.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Half of a UTF-16 surrogate pair with no other half: not Unicode text. The driver would
// store it as U+FFFD, so the text read back would not be the text written.
const LONE_SURROGATE = /\p{Cs}/u;
// Bidirectional embeddings, overrides and isolates are refused, not stored: they reorder the
// text after them up to the end of the line, so a title could display as another title or
// drag the next columns of a table row with it ("Trojan Source"). Right-to-left scripts need
// none of them (letters carry their own direction) and are stored as typed, as are the
// LRM/RLM marks, which only affect the characters beside them.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
// A byte order mark has no business in a name: it is debris from joining files. (As a
// "zero-width no-break space" it is deprecated for U+2060.) It is also the one character the
// JSON import's parser drops without a word, so refusing it, even at either end where trimming
// would remove it, makes every write path agree.
const noBom = [(s: string) => !s.includes('\ufeff'), { error: 'must not contain U+FEFF, a byte order mark (for a zero-width no-break space use U+2060)' }] as const;
const NAMES: Record<number, string> = { 0: 'NUL', 9: 'tab', 10: 'line feed', 13: 'carriage return', 27: 'ESC, which starts terminal escape sequences', 127: 'DEL' };

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why text cannot be stored as a title or director, or undefined when it can. Everything
 * not named here is stored exactly as given: emoji, wide (CJK) characters, combining marks,
 * zero-width joiners, right-to-left scripts, quotes, backslashes, "--" and "%".
 */
export function textProblem(s: string): string | undefined {
  const control = CONTROL.exec(s)?.[0];
  if (control !== undefined) {
    const name = NAMES[control.charCodeAt(0)];
    return `must not contain control characters (found ${codePoint(control)}${name ? ` ${name}` : ''})`;
  }
  if (LONE_SURROGATE.test(s)) return 'must not contain unpaired UTF-16 surrogates (not valid Unicode text)';
  const bidi = BIDI_CONTROL.exec(s)?.[0];
  if (bidi !== undefined) return `must not contain bidirectional control characters (found ${codePoint(bidi)}, which can make text display reversed)`;
  return undefined;
}

/** Adds textProblem's finding, if any, as an issue. */
const plainText = (s: string, ctx: z.RefinementCtx) => {
  const problem = textProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

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
  .refine(...noBom)
  .trim()
  .min(1, { error: 'is required' })
  .refine((s) => charCount(s) <= TITLE_MAX, { error: `must be at most ${TITLE_MAX} characters` })
  .superRefine(plainText);

const director = z
  .string({ error: 'must be text' })
  .refine(...noBom)
  .trim()
  .min(1, { error: 'must not be empty' })
  .refine((s) => charCount(s) <= DIRECTOR_MAX, { error: `must be at most ${DIRECTOR_MAX} characters` })
  .superRefine(plainText)
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

/**
 * Checks a whole movie. Every write path goes through here, so the rules live in one place.
 * `extras` are the model's other columns (columns.ts): each value given in `input.extra` is
 * parsed for its column; a required one missing, or a name that is no such column, is an issue
 * named by the column.
 */
export function validateMovie(input: MovieInput, extras: readonly ModelColumn[] = []): ValidationResult {
  const parsed = movieSchema().safeParse(input);
  const extra = checkExtras(extras, input.extra);
  const issues = [...(parsed.success ? [] : toIssues(parsed.error)), ...extra.issues];
  if (!parsed.success || issues.length > 0) return { ok: false, issues };
  const value = parsed.data as MovieData;
  if (Object.keys(extra.values).length > 0) value.extra = extra.values;
  return { ok: true, value };
}

/** The given values of the model's other columns, parsed; issues named by column. */
export function checkExtras(columns: readonly ModelColumn[], given: Record<string, unknown> | undefined): { values: ColumnValues; issues: FieldIssue[] } {
  const values: ColumnValues = {};
  const issues: FieldIssue[] = [];
  // Called for every row of an import: a scan of a few columns, not a Set built per row.
  for (const name of Object.keys(given ?? {})) {
    if (!columns.some((c) => c.name === name)) issues.push({ field: name, message: 'is not a column of the model' });
  }
  for (const c of columns) {
    const present = given !== undefined && Object.hasOwn(given, c.name) && given[c.name] !== undefined;
    const raw = present ? given[c.name] : undefined;
    const problem = present ? oddText(c, raw) : undefined;
    const parsed = problem ? { ok: false as const, message: problem } : parseColumnValue(c, raw);
    if (!parsed.ok) {
      // A column left out takes its default or null; only a required one must be given.
      if (present || parsed.message === 'is required') issues.push({ field: c.name, message: parsed.message });
    } else if (present) values[c.name] = parsed.value;
  }
  return { values, issues };
}

/** The titles' rules for odd text, for a text value (or each item of a list) of another column. */
function oddText(c: ModelColumn, raw: unknown): string | undefined {
  if (c.kind !== 'text' && c.kind !== 'varchar' && c.kind !== 'text[]') return undefined;
  const items = Array.isArray(raw) ? raw : c.kind === 'text[]' && typeof raw === 'string' ? raw.split(';') : [raw];
  for (const item of items) {
    if (typeof item !== 'string') continue;
    if (item.includes('\ufeff')) return noBom[1].error;
    const problem = textProblem(item.trim());
    if (problem) return problem;
    if (c.kind === 'text[]' && Array.isArray(raw) && item.includes(';')) return 'must not contain ";" (it separates items in CSV files)';
  }
  return undefined;
}

/** Like validateMovie, but throws a ValidationError naming every failing field. */
export function parseMovie(input: MovieInput, extras: readonly ModelColumn[] = []): MovieData {
  const result = validateMovie(input, extras);
  if (!result.ok) throw new ValidationError(result.issues);
  return result.value;
}
