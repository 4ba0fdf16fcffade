import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Name of the unique index that keeps the same movie (title ignoring case, year) from being stored twice. */
export const TITLE_YEAR_INDEX = 'movie_title_year_unique';

/**
 * The course's movie table: id, title varchar(80), year, directors text[],
 * theatre boolean default true, and mpa varchar(5) added by a later migration.
 */
export const Movie = defineEntity({
  name: 'Movie',
  tableName: 'movie',
  properties: {
    id: p.integer().primary().autoincrement(),
    title: p.string().length(80),
    year: p.integer(),
    directors: p.array(),
    theatre: p.boolean().default(true),
    mpa: p.string().length(5).nullable(),
    // Bumped by a trigger (versions_and_changes), not by MikroORM: psql edits must count too.
    version: p.integer().default(1),
  },
  uniques: [
    {
      name: TITLE_YEAR_INDEX,
      expression: `create unique index "${TITLE_YEAR_INDEX}" on "movie" (lower("title"), "year")`,
    },
  ],
  // Created by the list_indexes migration; declared here so `migrate check` sees no drift.
  indexes: [
    { name: 'movie_title_id_index', expression: 'create index "movie_title_id_index" on "movie" (lower("title"), "id")' },
    { name: 'movie_year_id_index', expression: 'create index "movie_year_id_index" on "movie" ("year", "id")' },
    { name: 'movie_title_trgm_index', expression: 'create index "movie_title_trgm_index" on "movie" using gin ("title" gin_trgm_ops)' },
    {
      name: 'movie_directors_trgm_index',
      expression: 'create index "movie_directors_trgm_index" on "movie" using gin (movie_directors_text("directors") gin_trgm_ops)',
    },
  ],
});

export type MovieEntity = InferEntity<typeof Movie>;
