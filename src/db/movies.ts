import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { startBulkLoad, type BulkLoad } from './bulk.js';
import type { EmbeddedPostgres } from './embedded.js';
import { TITLE_YEAR_INDEX } from './entities.js';
import { ConflictError, DuplicateMovieError, GoneError, NotFoundError, ValidationError } from './errors.js';
import { INPUT_COLUMN_TYPES, inputColumnNames, NO_MPA_COLUMN, type Movie } from './movie.js';
import { sqlTypeOf, type ModelColumn } from './columns.js';
import { ident } from './extraColumns.js';
import { liveModelColumns, modelColumnsOf } from './modelColumns.js';
import { MovieReader, readShape } from './reader.js';
import { cancellableSql } from './cancel.js';
import { parseMovie, validateMovie, type MovieData, type MovieInput } from './validation.js';

/** The movie table: reads (MovieReader) through MikroORM, and validated writes one movie at a time. */
export class MovieStore extends MovieReader {
  constructor(
    private readonly orm: MikroORM,
    private readonly embedded?: EmbeddedPostgres,
  ) {
    // PGlite cannot stop a running statement; a server can (pg_cancel_backend).
    super(cancellableSql(orm, !embedded));
  }

  /** Starts a bulk load (import): stage validated movies, then commit them in one statement. */
  async startBulkLoad(): Promise<BulkLoad> {
    return startBulkLoad(this.orm, this.embedded, await this.hasMpa(), await this.modelColumns());
  }

  /** The model's columns beyond the course's that the live table has (modelColumns.ts). */
  async modelColumns(): Promise<ModelColumn[]> {
    return liveModelColumns(this.orm, await this.liveColumnNames());
  }

  /** Reads return the model's columns only: the ORM's model (a project's, or the built-in one). */
  protected override modelColumnNames(): readonly string[] {
    return modelColumnsOf(this.orm).map((c) => c.name);
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  /** Validates and inserts one movie; a duplicate (same title ignoring case, same year) is refused. */
  async create(input: MovieInput): Promise<Movie> {
    const columns = await this.modelColumns();
    const data = parseMovie(input, columns);
    await this.checkMpa(data, input);
    const withMpa = await this.hasMpa();
    const [id] = await this.write(data, () => insertNew(this.em(), [data], withMpa, columns));
    if (id === undefined) throw new DuplicateMovieError(data.title, data.year);
    return this.get(id);
  }

  /**
   * Applies the given fields over the stored movie, validates the result as a whole, and saves it
   * only if nobody else saved it meanwhile: since `expected` (the version the caller read, e.g.
   * when a form opened) or else since this call read it. Otherwise a ConflictError carries theirs.
   */
  async update(id: number, patch: MovieInput, expected?: number): Promise<Movie> {
    const current = await this.current(id, expected);
    const columns = await this.modelColumns();
    const merged: MovieInput = { ...current, ...definedOnly(patch), extra: { ...current.extra, ...patch.extra } };
    const data = parseMovie(merged, columns);
    await this.checkMpa(data, patch);
    const em = this.em();
    // Checked here as well as by the unique index, which a rollback may have removed.
    const [clash] = await em.execute(`select 1 from movie where lower(title) = lower(?) and year = ? and id <> ?`, [data.title, data.year, id]);
    if (clash) throw new DuplicateMovieError(data.title, data.year);
    const withMpa = await this.hasMpa();
    // Only the other columns the patch names are written: the rest stay as stored.
    const given = columns.filter((c) => patch.extra !== undefined && patch.extra[c.name] !== undefined);
    const changed = await this.write(data, () => updateRow(em, id, current.version, data, withMpa, given));
    if (changed === 0) throw await this.lostRace(id, current.version);
    return this.get(id);
  }

  /** Deletes the movie, only if nobody saved it since `expected` (or since this call read it). */
  async delete(id: number, expected?: number): Promise<Movie> {
    const movie = await this.current(id, expected);
    const found = versioned(id, movie.version);
    const deleted = await this.em().nativeDelete('Movie', found);
    if (deleted === 0) throw await this.lostRace(id, movie.version);
    return movie;
  }

  /** The stored movie, checked against the version the caller started from. */
  private async current(id: number, expected: number | undefined): Promise<Movie> {
    let movie: Movie;
    try {
      movie = await this.get(id);
    } catch (err) {
      // A caller that names a version had the movie: it was there, so someone deleted it.
      if (err instanceof NotFoundError && expected !== undefined) throw new GoneError(id);
      throw err;
    }
    if (expected === undefined || movie.version === undefined) return movie;
    if (movie.version !== expected) throw new ConflictError(movie, expected);
    return movie;
  }

  /** Why a versioned write matched no row: the movie was deleted, or saved by someone else. */
  private async lostRace(id: number, version: number | undefined): Promise<Error> {
    try {
      const theirs = await this.get(id);
      return version === undefined ? new NotFoundError(`no movie with id ${id}`) : new ConflictError(theirs, version);
    } catch (err) {
      return err instanceof NotFoundError ? new GoneError(id) : (err as Error);
    }
  }

  private async checkMpa(data: MovieData, input: MovieInput): Promise<void> {
    if (data.mpa !== null && input.mpa !== undefined && !(await this.hasMpa())) {
      throw new ValidationError([{ field: 'mpa', message: NO_MPA_COLUMN }]);
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
export async function insertMissing(em: EntityManager, input: MovieInput[], extras: readonly ModelColumn[] = []): Promise<number> {
  const movies = input.map((m, i) => {
    const result = validateMovie(m, extras);
    if (!result.ok) throw new ValidationError(result.issues.map((issue) => ({ ...issue, field: `movie ${i + 1} ${issue.field}` })));
    return result.value;
  });
  return (await insertNew(em, movies, await hasMpaColumn(em), extras)).length;
}

/** Inserts movies already validated (a project's seed file) that are not stored yet; returns how many. */
export async function insertValidated(em: EntityManager, movies: MovieData[], extras: readonly ModelColumn[]): Promise<number> {
  return (await insertNew(em, movies, await hasMpaColumn(em), extras)).length;
}

/**
 * Inserts the validated movies not already stored; returns the new ids. Movies are inserted in
 * groups that give the same other columns: a column a movie leaves out takes its default.
 */
async function insertNew(em: EntityManager, movies: MovieData[], withMpa: boolean, extras: readonly ModelColumn[]): Promise<number[]> {
  if (movies.length === 0) return [];
  const groups = new Map<string, MovieData[]>();
  for (const m of movies) {
    const key = Object.keys(m.extra ?? {}).sort().join('\0');
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const ids: number[] = [];
  for (const group of groups.values()) {
    const given = extras.filter((c) => group[0]!.extra?.[c.name] !== undefined);
    const columns = [...inputColumnNames(withMpa).map(ident), ...given.map((c) => ident(c.name))];
    const types = [INPUT_COLUMN_TYPES, ...given.map((c) => `${ident(c.name)} ${sqlTypeOf(c)}`)].join(', ');
    const rows = await em.execute(
      `insert into movie (${columns.join(', ')})
       select distinct on (lower(v.title), v.year) ${columns.map((c) => `v.${c}`).join(', ')}
         from jsonb_to_recordset(?::jsonb) as v(${types})
        where not exists (select 1 from movie m where lower(m.title) = lower(v.title) and m.year = v.year)
       on conflict do nothing
       returning id`,
      [JSON.stringify(group.map(({ extra, ...m }) => ({ ...extra, ...m })))],
    );
    ids.push(...rows.map((r) => Number(r.id)));
  }
  return ids;
}

/** Writes the validated movie over row `id` (at `version`, when the table has versions); returns how many rows changed. */
async function updateRow(em: EntityManager, id: number, version: number | undefined, data: MovieData, withMpa: boolean, given: readonly ModelColumn[]): Promise<number> {
  const columns = [...inputColumnNames(withMpa).map(ident), ...given.map((c) => ident(c.name))];
  const types = [INPUT_COLUMN_TYPES, ...given.map((c) => `${ident(c.name)} ${sqlTypeOf(c)}`)].join(', ');
  const { extra, ...course } = data;
  const where = version === undefined ? 'id = ?' : 'id = ? and version = ?';
  const res = await em.getConnection().execute(
    `update movie set (${columns.join(', ')}) = (select ${columns.map((c) => `v.${c}`).join(', ')} from jsonb_to_record(?::jsonb) as v(${types})) where ${where}`,
    [JSON.stringify({ ...extra, ...course }), id, ...(version === undefined ? [] : [version])],
    'run',
  );
  return Number((res as { affectedRows?: number }).affectedRows ?? 0);
}


async function hasMpaColumn(em: EntityManager): Promise<boolean> {
  return (await readShape((sql, params = []) => em.execute(sql, params))).mpa;
}


/** Where a write finds its row: by id, and by version when the table has one. */
function versioned(id: number, version: number | undefined) {
  return version === undefined ? { id } : { id, version };
}

function definedOnly(patch: MovieInput): MovieInput {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
}
