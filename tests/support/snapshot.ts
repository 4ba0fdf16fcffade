import pg from 'pg';
import { MIGRATIONS_TABLE } from '../../src/db/config.js';
import { Database } from '../../src/db/database.js';
import type { Target } from '../../src/db/target.js';

/** Everything an interrupted command must leave as it was: rows, schema, applied migrations. */
export interface Snapshot {
  movies: number;
  /** md5 of every row in id order. */
  checksum: string;
  columns: string[];
  indexes: string[];
  tables: string[];
  migrations: string[];
}

/**
 * Reads a snapshot straight from the catalog and the table. The embedded database is opened
 * (which reclaims a stale lock and lets PGlite recover, as the app's next start would) and
 * handed to a plain pg client, as `movies-tui psql` does.
 */
export async function snapshotOf(target: Target): Promise<Snapshot> {
  if (target.kind === 'server') return withClient({ connectionString: target.url });
  const db = await Database.open(target, { migrateNew: false });
  try {
    const s = db.psqlSettings();
    await db.disconnect(); // the embedded database serves one client at a time
    return await withClient({ host: s.PGHOST, port: Number(s.PGPORT), user: s.PGUSER, database: s.PGDATABASE });
  } finally {
    await db.close();
  }
}

async function withClient(config: pg.ClientConfig): Promise<Snapshot> {
  const client = new pg.Client(config);
  await client.connect();
  const column = async (sql: string) => (await client.query<{ v: string }>(sql)).rows.map((r) => r.v);
  try {
    const [{ movies, checksum }] = (
      await client.query<{ movies: number; checksum: string }>(
        `select count(*)::int as movies, md5(coalesce(string_agg(m::text, '|' order by m.id), '')) as checksum from movie m`,
      )
    ).rows as [{ movies: number; checksum: string }];
    return {
      movies,
      checksum,
      columns: await column(
        `select concat_ws(' ', column_name, data_type, character_maximum_length, is_nullable, column_default) as v
           from information_schema.columns where table_schema = current_schema() and table_name = 'movie' order by ordinal_position`,
      ),
      indexes: await column(`select indexdef as v from pg_indexes where schemaname = current_schema() order by indexname`),
      tables: await column(`select tablename as v from pg_tables where schemaname = current_schema() order by tablename`),
      migrations: await column(`select name as v from ${MIGRATIONS_TABLE} order by id`),
    };
  } finally {
    await client.end();
  }
}
