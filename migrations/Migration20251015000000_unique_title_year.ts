import { Migration } from '@mikro-orm/migrations';

/**
 * Rerunning the course's populate script stored every movie twice. A unique index on
 * (lower(title), year) makes that impossible. It fails, changing nothing, if duplicates
 * are already stored: remove them first (the error names one).
 */
export class Migration20251015000000_unique_title_year extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create unique index "movie_title_year_unique" on "movie" (lower("title"), "year");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "movie_title_year_unique";`);
  }
}
