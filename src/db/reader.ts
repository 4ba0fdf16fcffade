import { CancelledError, NotFoundError, ValidationError } from './errors.js';
import { MOVIE_COLUMNS, type Movie } from './movie.js';
import type { ColumnValue, ModelColumn } from './columns.js';
import { extrasOf, extraValues, ident, liveColumns, LIVE_COLUMNS_SQL, selectExtra } from './extraColumns.js';
import { keyset, sortKey, sortSpec, type Cursor, type SortDirection } from './sort.js';

export type { Cursor, SortDirection } from './sort.js';

/** The sort orders the indexes serve (list_indexes); the list sorts by any other column too. */
export const SORT_FIELDS = ['title', 'year', 'id'] as const;
/** A column's name: title, year and id, or any other column of the live table (an extra one included). */
export type SortField = (typeof SORT_FIELDS)[number] | (string & {});

export interface PageQuery {
  /** Matches title or any director, ignoring case. */
  search?: string;
  sort?: SortField;
  direction?: SortDirection;
  /** Rows strictly after this position... */
  after?: Cursor;
  /** ...or strictly before it (for paging up); the rows still come in list order. */
  before?: Cursor;
  /** The last rows of the list (End), in list order. */
  fromEnd?: boolean;
  limit?: number;
  /** Stops the read (CancelledError) when it fires: a newer keystroke made it stale. */
  signal?: AbortSignal;
}

export interface Page {
  movies: Movie[];
  /** True when more rows follow in the direction that was read. */
  more: boolean;
}

export interface Count {
  count: number;
  /** False when the number is the planner's estimate (large tables, no search), or a lower bound. */
  exact: boolean;
  /** True when a search matched more than `count` rows and counting stopped there. */
  atLeast?: boolean;
}

/** Above this many rows (by the catalog's estimate), counting every row is not worth the wait. */
const EXACT_COUNT_LIMIT = 20_000;
/** A search counts its matches up to here: "10,000+" says enough, and a full count of a common word on a big table takes seconds. */
export const SEARCH_COUNT_LIMIT = 10_000;
const MAX_PAGE = 1000;

/** Runs one query: `?` placeholders, rows as plain objects; stopped (or never sent) once `signal` fires, where the database allows. */
export type RunSql = (sql: string, params?: unknown[], signal?: AbortSignal) => Promise<Record<string, unknown>[]>;

/** `?` placeholders (knex's) as `$1, $2, …` (PostgreSQL's); the reader's SQL has no other question marks. */
export function dollarParams(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * Reading the movie table a page at a time (keyset pagination, never OFFSET). It needs only
 * a way to run SQL, not MikroORM: the app reads its first page with it while the ORM loads.
 */
export class MovieReader {
  private shape: Promise<Shape> | undefined;

  constructor(protected readonly sql: RunSql) {}

  /** Forget the cached shape of the table (after a migration). */
  schemaChanged(): void {
    this.shape = undefined;
  }

  /** What the live schema offers (read once, until the next migration). */
  private async liveShape(): Promise<Shape> {
    this.shape ??= readShape(this.sql).catch((err: unknown) => {
      this.shape = undefined;
      throw err;
    });
    return this.shape;
  }

  /** Whether the movie table exists (the initial migration is applied). */
  async tableExists(): Promise<boolean> {
    const [row] = await this.sql(`select to_regclass('movie') is not null as present`);
    return Boolean(row?.present);
  }

  /** Whether the live table has the mpa column (the add_mpa_column migration is applied). */
  async hasMpa(): Promise<boolean> {
    return (await this.liveShape()).mpa;
  }

  /** The names of the live table's columns, in table order (none while it does not exist). */
  protected async liveColumnNames(): Promise<string[]> {
    const rows = await this.sql(`select attname from pg_attribute where attrelid = to_regclass('movie') and attnum > 0 and not attisdropped order by attnum`);
    return rows.map((r) => String(r.attname));
  }

  /**
   * The names of the model's columns, to keep the live table's other columns to those the model
   * has; undefined (this reader, which knows no model) reads every column the live table has.
   */
  protected modelColumnNames(): readonly string[] | undefined {
    return undefined;
  }

  /** The columns beyond the course's that reads return in `extra`, as the live table types them. */
  protected async extraColumns(): Promise<ModelColumn[]> {
    const names = this.modelColumnNames();
    const { extras } = await this.liveShape();
    return names ? extras.filter((c) => names.includes(c.name)) : extras;
  }

  protected async columns(): Promise<string[]> {
    const shape = await this.liveShape();
    const course = MOVIE_COLUMNS.filter((c) => !('addedBy' in c) || shape[c.name]).map((c) => `m.${c.name}`);
    return [...course, ...(await this.extraColumns()).map((c) => selectExtra(c))];
  }

  private async toMovies(rows: Record<string, unknown>[]): Promise<Movie[]> {
    const extras = await this.extraColumns();
    return rows.map((row) => {
      const movie = toMovie(row as unknown as Movie);
      const extra = extraValues(extras, row);
      if (extra) movie.extra = extra;
      return movie;
    });
  }

  /** One page of the list, in keyset order (sort key, then id). */
  async list(query: PageQuery = {}): Promise<Page> {
    const sort = query.sort ?? 'title';
    const direction = query.direction ?? 'asc';
    const limit = Math.max(1, Math.min(query.limit ?? 50, MAX_PAGE));
    const backwards = query.before !== undefined || query.fromEnd === true;
    const readDir = backwards === (direction === 'asc') ? 'desc' : 'asc';
    const shape = await this.liveShape();
    const sortable = [...shape.live.filter((c) => !shape.extras.includes(c)), ...(await this.extraColumns())];
    const spec = sortSpec(sort, sortable);
    const params: unknown[] = [];
    const where: string[] = [];
    addSearch(query.search, shape, where, params, await this.extraColumns());
    const page = keyset(spec, direction, readDir, query.before ?? query.after, params);
    if (page.where) where.push(page.where);
    const sql =
      `select ${(await this.columns()).join(', ')} from movie m` +
      (where.length ? ` where ${where.join(' and ')}` : '') +
      ` order by ${page.order} limit ${limit + 1}`;
    const rows = await this.sql(sql, params, live(query.signal));
    const more = rows.length > limit;
    const movies = await this.toMovies(rows.slice(0, limit));
    return { movies: backwards ? movies.reverse() : movies, more };
  }

  /** The cursor for a movie in a given sort order, to continue a list from it. */
  cursorOf(movie: Movie, sort: SortField = 'title'): Cursor {
    const course = movie as unknown as Record<string, ColumnValue | undefined>;
    const key = sort === 'title' ? movie.title.toLowerCase() : sort === 'year' ? movie.year : sort === 'id' ? movie.id : sortKey(sort in course && sort !== 'extra' ? course[sort] : movie.extra?.[sort]);
    return { key, id: movie.id };
  }

  /**
   * Exact for small tables; the catalog's estimate for a large unfiltered table; for a
   * search, exact up to SEARCH_COUNT_LIMIT matches and "at least that many" beyond.
   */
  async count(search?: string, signal?: AbortSignal): Promise<Count> {
    const where: string[] = [];
    const params: unknown[] = [];
    addSearch(search, await this.liveShape(), where, params, await this.extraColumns());
    if (where.length > 0) {
      const [row] = await this.sql(
        `select count(*)::int as n from (select 1 from movie m where ${where.join(' and ')} limit ${SEARCH_COUNT_LIMIT + 1}) s`,
        params,
        live(signal),
      );
      const n = Number(row?.n ?? 0);
      return n > SEARCH_COUNT_LIMIT ? { count: SEARCH_COUNT_LIMIT, exact: false, atLeast: true } : { count: n, exact: true };
    }
    const [est] = await this.sql(`select reltuples::bigint as n from pg_class where oid = to_regclass('movie')`);
    if (est && Number(est.n) > EXACT_COUNT_LIMIT) return { count: Number(est.n), exact: false };
    const [row] = await this.sql(`select count(*)::int as n from movie m`);
    return { count: Number(row?.n ?? 0), exact: true };
  }

  async get(id: number): Promise<Movie> {
    checkId(id);
    const rows = await this.sql(`select ${(await this.columns()).join(', ')} from movie m where m.id = ?`, [id]);
    if (!rows[0]) throw new NotFoundError(`no movie with id ${id}`);
    return (await this.toMovies(rows))[0]!;
  }
}

/** The parts of the schema that later migrations add, which queries adapt to. */
interface Shape {
  /** The mpa column (add_mpa_column). */
  mpa: boolean;
  /** The version column (versions_and_changes). */
  version: boolean;
  /** What a search matches directors against: the indexed function (list_indexes) when it exists. */
  directors: string;
  /** Every column, in table order, typed as the table has them. */
  live: ModelColumn[];
  /** The columns beyond the course's, in table order. */
  extras: ModelColumn[];
}

export async function readShape(sql: RunSql): Promise<Shape> {
  // The catalog, not information_schema: its views take ~80 ms cold on the embedded database.
  const [row] = await sql(
    `select exists (select 1 from pg_attribute where attrelid = to_regclass('movie') and attname = 'mpa' and not attisdropped) as mpa,
            exists (select 1 from pg_attribute where attrelid = to_regclass('movie') and attname = 'version' and not attisdropped) as version,
            to_regprocedure('movie_directors_text(text[])') is not null as fn`,
  );
  const live = liveColumns(await sql(LIVE_COLUMNS_SQL));
  return {
    live,
    extras: extrasOf(live),
    mpa: Boolean(row?.mpa),
    version: Boolean(row?.version),
    directors: row?.fn ? 'movie_directors_text(m.directors)' : `array_to_string(m.directors, ' ')`,
  };
}

/**
 * Title or any director (the trigram indexes of list_indexes serve both), or any text column the
 * model adds: a plain ILIKE, which reads the whole table unless the project indexes that column too.
 */
function addSearch(search: string | undefined, shape: Shape, where: string[], params: unknown[], extras: readonly ModelColumn[]): void {
  const term = search?.trim();
  if (!term) return;
  // PostgreSQL text cannot hold NUL, so nothing stored matches it (and the server refuses it in a parameter).
  if (term.includes('\0')) {
    where.push('false');
    return;
  }
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const texts = extras.filter((c) => c.kind === 'text' || c.kind === 'varchar' || c.kind === 'text[]');
  const more = texts.map((c) => (c.kind === 'text[]' ? `array_to_string(m.${ident(c.name)}, ' ') ilike ?` : `m.${ident(c.name)} ilike ?`));
  where.push(`(${['m.title ilike ?', `${shape.directors} ilike ?`, ...more].join(' or ')})`);
  params.push(pattern, pattern, ...texts.map(() => pattern));
}

/** The signal, after checking it has not fired already (the shape and columns may have taken a query or two). */
function live(signal: AbortSignal | undefined): AbortSignal | undefined {
  if (signal?.aborted) throw new CancelledError();
  return signal;
}

export function checkId(id: number): void {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2147483647) throw new ValidationError([{ field: 'id', message: 'must be a positive whole number' }]);
}

export function toMovie(row: Movie): Movie {
  const movie: Movie = { id: Number(row.id), title: row.title, year: Number(row.year), directors: row.directors, theatre: row.theatre };
  if ('mpa' in row) movie.mpa = row.mpa ?? null;
  if ('version' in row) movie.version = Number(row.version);
  return movie;
}
