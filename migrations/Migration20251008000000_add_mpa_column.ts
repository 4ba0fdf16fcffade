import { Migration } from '@mikro-orm/migrations';

/** The course's "add a column" step: the MPA rating, nullable so existing rows stay valid. */
export class Migration20251008000000_add_mpa_column extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "movie" add column "mpa" varchar(5) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "movie" drop column "mpa";`);
  }
}
