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
  },
  uniques: [
    {
      name: TITLE_YEAR_INDEX,
      expression: `create unique index "${TITLE_YEAR_INDEX}" on "movie" (lower("title"), "year")`,
    },
  ],
});

export type MovieEntity = InferEntity<typeof Movie>;
