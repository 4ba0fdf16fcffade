import { Migration } from '@mikro-orm/migrations';

/**
 * Several people on one server. A `version` that PostgreSQL itself bumps on every update
 * (a trigger, so edits made with psql or a script count too) lets a save say "only if
 * nobody changed it since I read it" (optimistic locking). And every insert, update,
 * delete or truncate sends a NOTIFY on `movie_changes` when its transaction commits, so
 * every open app refreshes its list.
 *
 * The notify trigger runs once per statement, not per row: an import of a million rows
 * sends one notification, and identical notifications in one transaction are merged.
 */
export class Migration20251029000000_versions_and_changes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "movie" add column "version" int not null default 1;`);
    this.addSql(
      `create or replace function movie_bump_version() returns trigger language plpgsql as $$ begin new.version := old.version + 1; return new; end $$;`,
    );
    this.addSql(`create trigger movie_bump_version before update on "movie" for each row execute function movie_bump_version();`);
    this.addSql(
      `create or replace function movie_notify_change() returns trigger language plpgsql as $$ begin perform pg_notify('movie_changes', lower(tg_op)); return null; end $$;`,
    );
    this.addSql(
      `create trigger movie_notify_change after insert or update or delete or truncate on "movie" for each statement execute function movie_notify_change();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger "movie_notify_change" on "movie";`);
    this.addSql(`drop function movie_notify_change();`);
    this.addSql(`drop trigger "movie_bump_version" on "movie";`);
    this.addSql(`drop function movie_bump_version();`);
    this.addSql(`alter table "movie" drop column "version";`);
  }
}
