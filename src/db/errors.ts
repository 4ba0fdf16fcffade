import type { Movie } from './movie.js';

/**
 * Errors a user can act on. Their message is one line meant for the user; the
 * CLI prints it without a stack trace and the UI shows it in a status line.
 */
export class UserError extends Error {
  override name = 'UserError';
}

/** The command line asks for something that cannot be done as asked (nothing ran): exit 2. */
export class UsageError extends UserError {
  override name = 'UsageError';
}

/** The input (a flag, a form field, a file row) is not acceptable. Nothing was written. */
export class ValidationError extends UserError {
  override name = 'ValidationError';
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
  }
}

export interface FieldIssue {
  field: string;
  message: string;
}

/** The same movie (title ignoring case, and year) is already stored. */
export class DuplicateMovieError extends UserError {
  override name = 'DuplicateMovieError';
  constructor(readonly title: string, readonly year: number) {
    super(`a movie titled "${title}" (${year}) already exists`);
  }
}

export class NotFoundError extends UserError {
  override name = 'NotFoundError';
}

/** The movie someone was editing or deleting was deleted by someone else meanwhile. */
export class GoneError extends NotFoundError {
  override name = 'GoneError';
  constructor(readonly id: number) {
    super(`movie ${id} was deleted by someone else; nothing was saved`);
  }
}

/** Someone else saved the movie after the caller read it (optimistic locking): nothing was written. */
export class ConflictError extends UserError {
  override name = 'ConflictError';
  constructor(
    /** The movie as it is stored now. */
    readonly theirs: Movie,
    /** The version the caller started from. */
    readonly expected: number,
  ) {
    super(`movie ${theirs.id} was changed by someone else (version ${expected} is now ${theirs.version}); nothing was saved`);
  }
}

/** Another process holds the embedded database. */
export class DatabaseInUseError extends UserError {
  override name = 'DatabaseInUseError';
  /** `program`: what PID runs, when the system says (Linux's /proc). */
  constructor(readonly pid: number, readonly lockFile: string, program?: string) {
    const other = program !== undefined && !/movies-tui|node/.test(program);
    super(
      other
        ? `database in use by PID ${pid} says the lock file ${lockFile}, but PID ${pid} is ${program}, not movies-tui: the lock is stale; delete that file and try again`
        : `database in use by PID ${pid}${program ? ` (${program})` : ''}: quit that movies-tui first (its lock file is ${lockFile})`,
    );
  }
}

/**
 * The server went away in the middle of some work, which was rolled back. Keeps the driver's
 * error as its cause, so connectionProblem still recognises it (the app raises its banner).
 */
export class ConnectionLostError extends UserError {
  override name = 'ConnectionLostError';
  constructor(consequence: string, cause: unknown) {
    super(`the server went away; ${consequence}`, { cause });
  }
}

/**
 * A read given up by its caller (its AbortSignal fired): a search keystroke made the previous
 * one's query stale. Not a failure: callers drop it silently.
 */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() {
    super('the read was cancelled');
  }
}

/** A migration's SQL failed; the run was rolled back. */
export class MigrationError extends UserError {
  override name = 'MigrationError';
}

const CONNECTION_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was reset',
  ETIMEDOUT: 'no answer from the server',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'unknown host',
  '57P01': 'the server shut down',
  '57P02': 'the server crashed',
  '57P03': 'the server is starting up or shutting down',
  '08000': 'the connection failed',
  '08001': 'cannot connect',
  '08003': 'the connection is gone',
  '08006': 'the connection failed',
};
const CONNECTION_MESSAGES = /connection terminated|terminating connection|connection timeout|timeout expired|not queryable|closed the connection|query read timeout|econnrefused|econnreset/i;

export const OWNER_GONE = 'the movies-tui whose embedded database this one shared has quit: quit and start again to open it here';

/**
 * If the error means the database server is out of reach (refused, reset, shut down,
 * timed out), a few words saying so; otherwise undefined. Looks through the causes a
 * driver or the ORM wraps around the original error.
 */
export function connectionProblem(err: unknown): string | undefined {
  let e = err as { code?: unknown; message?: unknown; cause?: unknown; original?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    // The socket of another process's embedded database (embedded.ts) is gone with that process.
    if ((e.code === 'ENOENT' || e.code === 'ECONNREFUSED') && typeof e.message === 'string' && /movies-tui-\w+\/\.s\.PGSQL\./.test(e.message)) return OWNER_GONE;
    const known = typeof e.code === 'string' ? CONNECTION_CODES[e.code] : undefined;
    if (known) return known;
    if (typeof e.message === 'string' && CONNECTION_MESSAGES.test(e.message)) return e.message.split('\n')[0]!;
    e = (e.cause ?? e.original) as typeof e;
  }
  return undefined;
}

export const MOVIE_TABLE_MISSING = 'the movie table does not exist yet: run `movies-tui migrate up` (or press 2, then u)';

const SQL_START = /^\s*(select|insert|update|delete|with|create|alter|drop|copy|set|begin|commit|rollback|truncate|lock|listen|show)\b/i;

/**
 * Every error as one line in the user's terms, for the CLI's stderr and the app's status line
 * alike. `expected`: a situation the message fully explains (the CLI then offers no --verbose).
 * The driver's messages start with the SQL that failed ("select … - relation … does not
 * exist"); only --verbose shows that.
 */
export function describeError(err: unknown): { message: string; expected: boolean } {
  if (err instanceof UserError) return { message: err.message, expected: true };
  const e = (err ?? {}) as { code?: unknown; message?: unknown };
  const text = withoutSql(String(e.message ?? err));
  if (e.code === '42P01') {
    const table = /relation "([^"]+)" does not exist/.exec(text)?.[1];
    if (table === 'movie' || table === undefined) return { message: MOVIE_TABLE_MISSING, expected: true };
    return { message: `the table ${table} does not exist: run \`movies-tui migrate up\` (or press 2, then u)`, expected: true };
  }
  if (e.code === '42703' || e.code === '42883') {
    return { message: `the movie table is not what this version expects (${text}): run \`movies-tui migrate up\` (or press 2, then u)`, expected: true };
  }
  const lost = connectionProblem(err);
  if (lost) return { message: `lost the connection to the database server (${lost}); nothing was changed`, expected: true };
  return { message: text || 'unexpected error', expected: false };
}

/** The first line of a driver's message, without the SQL it starts with. */
function withoutSql(message: string): string {
  const line = message.split('\n')[0]!;
  const cut = line.lastIndexOf(' - ');
  return cut > 0 && SQL_START.test(line) ? line.slice(cut + 3) : line;
}
