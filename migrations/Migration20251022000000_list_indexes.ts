import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for a large table: one btree per sort order the list offers (with id as the
 * tiebreaker, so a keyset page is an index range scan), and pg_trgm GIN indexes so a
 * search for any part of a title or a director's name does not read the whole table.
 *
 * Directors are a text[]; array_to_string is only STABLE, so an IMMUTABLE wrapper makes
 * it indexable. The store searches through the same function when it exists.
 */
export class Migration20251022000000_list_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(
      `create or replace function movie_directors_text(text[]) returns text language sql immutable parallel safe as $$ select array_to_string($1, ' ') $$;`,
    );
    this.addSql(`create index "movie_title_id_index" on "movie" (lower("title"), "id");`);
    this.addSql(`create index "movie_year_id_index" on "movie" ("year", "id");`);
    this.addSql(`create index "movie_title_trgm_index" on "movie" using gin ("title" gin_trgm_ops);`);
    this.addSql(`create index "movie_directors_trgm_index" on "movie" using gin (movie_directors_text("directors") gin_trgm_ops);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "movie_directors_trgm_index";`);
    this.addSql(`drop index "movie_title_trgm_index";`);
    this.addSql(`drop index "movie_year_id_index";`);
    this.addSql(`drop index "movie_title_id_index";`);
    this.addSql(`drop function movie_directors_text(text[]);`);
    // The extension stays: other tables may use it, and dropping it needs more rights than creating it.
  }
}
