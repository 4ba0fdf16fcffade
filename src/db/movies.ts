import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { startBulkLoad, type BulkLoad } from './bulk.js';
import type { EmbeddedPostgres } from './embedded.js';
import { Movie as MovieSchema, TITLE_YEAR_INDEX } from './entities.js';
import { DuplicateMovieError, NotFoundError, ValidationError } from './errors.js';
import { parseMovie, validateMovie, type MovieData, type MovieInput } from './validation.js';

/** A stored movie, as plain data. `mpa` is undefined when the database has no mpa column yet. */
export interface Movie {
  id: number;
  title: string;
  year: number;
  directors: string[];
  theatre: boolean;
  mpa?: string | null;
}

export const SORT_FIELDS = ['title', 'year', 'id'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type SortDirection = 'asc' | 'desc';

/** Position in a sorted list: the sort key and id of a row (keyset pagination, never OFFSET). */
export interface Cursor {
  key: string | number;
  id: number;
}

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
const EXACT_COUNT_LIMIT = 100_000;
/** A search counts its matches up to here: "10,000+" says enough, and a full count of a common word on a big table takes seconds. */
export const SEARCH_COUNT_LIMIT = 10_000;
const MAX_PAGE = 1000;

// The SQL expression each sort field orders by; titles sort ignoring case.
const SORT_EXPR: Record<SortField, string> = { title: 'lower(m.title)', year: 'm.year', id: 'm.id' };

/** The movie table, to read a page at a time and to write one validated movie at a time. */
export class MovieStore {
  private shape: Promise<Shape> | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly embedded?: EmbeddedPostgres,
  ) {}

  /** Starts a bulk load (import): stage validated movies, then commit them in one statement. */
  async startBulkLoad(): Promise<BulkLoad> {
    return startBulkLoad(this.orm, this.embedded, await this.hasMpa());
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  /** Forget the cached shape of the table (after a migration). */
  schemaChanged(): void {
    this.shape = undefined;
  }

  /** What the live schema offers (read once, until the next migration). */
  private async liveShape(): Promise<Shape> {
    this.shape ??= readShape(this.em()).catch((err: unknown) => {
      this.shape = undefined;
      throw err;
    });
    return this.shape;
  }

  /** Whether the movie table exists (the initial migration is applied). */
  async tableExists(): Promise<boolean> {
    const [row] = await this.em().execute(`select to_regclass('movie') is not null as present`);
    return Boolean(row?.present);
  }

  /** Whether the live table has the mpa column (the add_mpa_column migration is applied). */
  async hasMpa(): Promise<boolean> {
    return (await this.liveShape()).mpa;
  }

  private async columns(): Promise<string[]> {
    const base = ['m.id', 'm.title', 'm.year', 'm.directors', 'm.theatre'];
    return (await this.hasMpa()) ? [...base, 'm.mpa'] : base;
  }

  /** One page of the list, in keyset order (sort key, then id). */
  async list(query: PageQuery = {}): Promise<Page> {
    const sort = query.sort ?? 'title';
    const direction = query.direction ?? 'asc';
    const limit = Math.max(1, Math.min(query.limit ?? 50, MAX_PAGE));
    const backwards = query.before !== undefined || query.fromEnd === true;
    const readDir = backwards === (direction === 'asc') ? 'desc' : 'asc';
    const expr = SORT_EXPR[sort];
    const params: unknown[] = [];
    const where: string[] = [];
    addSearch(query.search, await this.liveShape(), where, params);
    const cursor = query.before ?? query.after;
    if (cursor) {
      where.push(`(${expr}, m.id) ${readDir === 'asc' ? '>' : '<'} (?, ?)`);
      params.push(cursor.key, cursor.id);
    }
    const sql =
      `select ${(await this.columns()).join(', ')} from movie m` +
      (where.length ? ` where ${where.join(' and ')}` : '') +
      ` order by ${expr} ${readDir}, m.id ${readDir} limit ${limit + 1}`;
    const rows = (await this.em().execute(sql, params)) as Movie[];
    const more = rows.length > limit;
    const movies = rows.slice(0, limit).map(toMovie);
    return { movies: backwards ? movies.reverse() : movies, more };
  }

  /** The cursor for a movie in a given sort order, to continue a list from it. */
  cursorOf(movie: Movie, sort: SortField = 'title'): Cursor {
    const key = sort === 'title' ? movie.title.toLowerCase() : sort === 'year' ? movie.year : movie.id;
    return { key, id: movie.id };
  }

  /**
   * Exact for small tables; the catalog's estimate for a large unfiltered table; for a
   * search, exact up to SEARCH_COUNT_LIMIT matches and "at least that many" beyond.
   */
  async count(search?: string): Promise<Count> {
    const em = this.em();
    const where: string[] = [];
    const params: unknown[] = [];
    addSearch(search, await this.liveShape(), where, params);
    if (where.length > 0) {
      const [row] = await em.execute(
        `select count(*)::int as n from (select 1 from movie m where ${where.join(' and ')} limit ${SEARCH_COUNT_LIMIT + 1}) s`,
        params,
      );
      const n = Number(row?.n ?? 0);
      return n > SEARCH_COUNT_LIMIT ? { count: SEARCH_COUNT_LIMIT, exact: false, atLeast: true } : { count: n, exact: true };
    }
    const [est] = await em.execute(`select reltuples::bigint as n from pg_class where oid = to_regclass('movie')`);
    if (est && Number(est.n) > EXACT_COUNT_LIMIT) return { count: Number(est.n), exact: false };
    const [row] = await em.execute(`select count(*)::int as n from movie m`);
    return { count: Number(row?.n ?? 0), exact: true };
  }

  async get(id: number): Promise<Movie> {
    checkId(id);
    const rows = await this.em().execute(`select ${(await this.columns()).join(', ')} from movie m where m.id = ?`, [id]);
    if (!rows[0]) throw new NotFoundError(`no movie with id ${id}`);
    return toMovie(rows[0] as Movie);
  }

  /** Validates and inserts one movie; a duplicate (same title ignoring case, same year) is refused. */
  async create(input: MovieInput): Promise<Movie> {
    const data = parseMovie(input);
    await this.checkMpa(data, input);
    const withMpa = await this.hasMpa();
    const [id] = await this.write(data, () => insertNew(this.em(), [data], withMpa));
    if (id === undefined) throw new DuplicateMovieError(data.title, data.year);
    return this.get(id);
  }

  /** Applies the given fields over the stored movie, validates the result as a whole, and saves it. */
  async update(id: number, patch: MovieInput): Promise<Movie> {
    const current = await this.get(id);
    const merged: MovieInput = { ...current, ...definedOnly(patch) };
    const data = parseMovie(merged);
    await this.checkMpa(data, patch);
    const em = this.em();
    // Checked here as well as by the unique index, which a rollback may have removed.
    const [clash] = await em.execute(`select 1 from movie where lower(title) = lower(?) and year = ? and id <> ?`, [data.title, data.year, id]);
    if (clash) throw new DuplicateMovieError(data.title, data.year);
    const withMpa = await this.hasMpa();
    const changed = await this.write(data, () => em.nativeUpdate(MovieSchema, { id }, rowValues(data, withMpa) as never));
    if (changed === 0) throw new NotFoundError(`no movie with id ${id}`);
    return this.get(id);
  }

  async delete(id: number): Promise<Movie> {
    const movie = await this.get(id);
    const deleted = await this.em().nativeDelete(MovieSchema, { id });
    if (deleted === 0) throw new NotFoundError(`no movie with id ${id}`);
    return movie;
  }

  private async checkMpa(data: MovieData, input: MovieInput): Promise<void> {
    if (data.mpa !== null && input.mpa !== undefined && !(await this.hasMpa())) {
      throw new ValidationError([
        { field: 'mpa', message: 'this database has no mpa column yet (apply the add_mpa_column migration)' },
      ]);
    }
  }

  private async write<T>(data: MovieData, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException && String(err.message).includes(TITLE_YEAR_INDEX)) {
        throw new DuplicateMovieError(data.title, data.year);
      }
      throw err;
    }
  }
}

/**
 * Validates every movie first (all or nothing), then inserts those not already stored
 * (same title ignoring case, same year) and returns how many were inserted. The check is
 * in the query itself, not only in the unique index, so it holds even on a database
 * where that migration was rolled back.
 */
export async function insertMissing(em: EntityManager, input: MovieInput[]): Promise<number> {
  const movies = input.map((m, i) => {
    const result = validateMovie(m);
    if (!result.ok) throw new ValidationError(result.issues.map((issue) => ({ ...issue, field: `movie ${i + 1} ${issue.field}` })));
    return result.value;
  });
  return (await insertNew(em, movies, await hasMpaColumn(em))).length;
}

/** Inserts the validated movies not already stored; returns the new ids. */
async function insertNew(em: EntityManager, movies: MovieData[], withMpa: boolean): Promise<number[]> {
  if (movies.length === 0) return [];
  const columns = withMpa ? ['title', 'year', 'directors', 'theatre', 'mpa'] : ['title', 'year', 'directors', 'theatre'];
  const list = columns.map((c) => `"${c}"`).join(', ');
  const rows = await em.execute(
    `insert into movie (${list})
     select distinct on (lower(v.title), v.year) ${columns.map((c) => `v.${c}`).join(', ')}
       from jsonb_to_recordset(?::jsonb) as v(title text, year int, directors text[], theatre boolean, mpa text)
      where not exists (select 1 from movie m where lower(m.title) = lower(v.title) and m.year = v.year)
     on conflict do nothing
     returning id`,
    [JSON.stringify(movies)],
  );
  return rows.map((r) => Number(r.id));
}

/** The parts of the schema that later migrations add, which queries adapt to. */
interface Shape {
  /** The mpa column (add_mpa_column). */
  mpa: boolean;
  /** What a search matches directors against: the indexed function (list_indexes) when it exists. */
  directors: string;
}

async function readShape(em: EntityManager): Promise<Shape> {
  const [row] = await em.execute(
    `select exists (select 1 from information_schema.columns
                     where table_schema = current_schema() and table_name = 'movie' and column_name = 'mpa') as mpa,
            to_regprocedure('movie_directors_text(text[])') is not null as fn`,
  );
  return {
    mpa: Boolean(row?.mpa),
    directors: row?.fn ? 'movie_directors_text(m.directors)' : `array_to_string(m.directors, ' ')`,
  };
}

async function hasMpaColumn(em: EntityManager): Promise<boolean> {
  return (await readShape(em)).mpa;
}

/** The columns to write: mpa only when the table has it. */
function rowValues(data: MovieData, withMpa: boolean) {
  const { mpa, ...rest } = data;
  return withMpa ? { ...rest, mpa } : rest;
}

function definedOnly(patch: MovieInput): MovieInput {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
}

function addSearch(search: string | undefined, shape: Shape, where: string[], params: unknown[]): void {
  const term = search?.trim();
  if (!term) return;
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  where.push(`(m.title ilike ? or ${shape.directors} ilike ?)`);
  params.push(pattern, pattern);
}

function checkId(id: number): void {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2147483647) throw new ValidationError([{ field: 'id', message: 'must be a positive whole number' }]);
}

function toMovie(row: Movie): Movie {
  const movie: Movie = { id: Number(row.id), title: row.title, year: Number(row.year), directors: row.directors, theatre: row.theatre };
  if ('mpa' in row) movie.mpa = row.mpa ?? null;
  return movie;
}
