import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { startBulkLoad, type BulkLoad } from './bulk.js';
import type { EmbeddedPostgres } from './embedded.js';
import { Movie as MovieSchema, TITLE_YEAR_INDEX } from './entities.js';
import { DuplicateMovieError, NotFoundError, ValidationError } from './errors.js';
import { MovieReader, readShape, type Movie, type RunSql } from './reader.js';
import { parseMovie, validateMovie, type MovieData, type MovieInput } from './validation.js';

export * from './reader.js';

const ormSql = (orm: MikroORM): RunSql => (sql, params = []) => (orm.em.fork() as EntityManager).execute(sql, params);

/** The movie table: reads (MovieReader) through MikroORM, and validated writes one movie at a time. */
export class MovieStore extends MovieReader {
  constructor(
    private readonly orm: MikroORM,
    private readonly embedded?: EmbeddedPostgres,
  ) {
    super(ormSql(orm));
  }

  /** Starts a bulk load (import): stage validated movies, then commit them in one statement. */
  async startBulkLoad(): Promise<BulkLoad> {
    return startBulkLoad(this.orm, this.embedded, await this.hasMpa());
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
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


async function hasMpaColumn(em: EntityManager): Promise<boolean> {
  return (await readShape((sql, params = []) => em.execute(sql, params))).mpa;
}

/** The columns to write: mpa only when the table has it. */
function rowValues(data: MovieData, withMpa: boolean) {
  const { mpa, ...rest } = data;
  return withMpa ? { ...rest, mpa } : rest;
}

function definedOnly(patch: MovieInput): MovieInput {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
}



