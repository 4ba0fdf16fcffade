import { Migration } from '@mikro-orm/migrations';

/** The course's first step: the movie table, before anyone thought of ratings. */
export class Migration20251001000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "movie" ("id" serial primary key, "title" varchar(80) not null, "year" int not null, "directors" text[] not null, "theatre" boolean not null default true);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "movie" cascade;`);
  }
}
