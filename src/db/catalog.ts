/** What `db info` and the app's database screen show: the live shape of movie, read from the catalog. */
import type { Count, RunSql } from './reader.js';
import type { Target } from './target.js';

/** The table MikroORM keeps its migration history in (config.ts uses the same name). */
export const HISTORY_TABLE = 'mikro_orm_migrations';

export interface ColumnInfo {
  name: string;
  type: string;
  nullable: boolean;
  default: string | null;
}

export interface IndexInfo {
  name: string;
  definition: string;
}

/** One row of the history table, as PostgreSQL stores it: a migration is applied while its row is there. */
export interface HistoryRow {
  id: number;
  name: string;
  executedAt: Date | null;
}

export interface DatabaseInfo {
  kind: Target['kind'];
  /** The PID of the process whose embedded database this one uses through its socket. */
  sharedWith?: number;
  /** Masked URL, or the embedded data dir. */
  target: string;
  /** The project in use, inside a movies-tui project. */
  project?: { name: string; root: string };
  serverVersion: string;
  /** Undefined while the movie table does not exist. */
  rows?: Count;
  columns: ColumnInfo[];
  indexes: IndexInfo[];
  /** The table that records which migrations are applied (mikro_orm_migrations). */
  historyTable: string;
  /** Its rows in id order; undefined while it does not exist. */
  history?: HistoryRow[];
}

/** The server's version and the live columns and indexes of movie (none while it does not exist). */
export async function readCatalog(sql: RunSql): Promise<Pick<DatabaseInfo, 'serverVersion' | 'columns' | 'indexes' | 'historyTable' | 'history'>> {
  const [version] = await sql(`show server_version`);
  const columns = (await sql(
    `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, not a.attnotnull as nullable,
            pg_get_expr(d.adbin, d.adrelid) as "default"
       from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attrelid = to_regclass('movie') and a.attnum > 0 and not a.attisdropped
      order by a.attnum`,
  )) as unknown as ColumnInfo[];
  const indexes = (await sql(
    `select indexname as name, indexdef as definition from pg_indexes
      where schemaname = current_schema() and tablename = 'movie' order by indexname`,
  )) as unknown as IndexInfo[];
  return { serverVersion: String(version?.server_version ?? 'unknown'), columns, indexes, historyTable: HISTORY_TABLE, history: await readHistory(sql) };
}

/** The history table's rows as stored (id, name, executed_at), or undefined before the first migration run made it. */
export async function readHistory(sql: RunSql): Promise<HistoryRow[] | undefined> {
  const [exists] = await sql(`select to_regclass('${HISTORY_TABLE}') is not null as ok`);
  if (!exists?.ok) return undefined;
  const rows = await sql(`select id, name, executed_at from ${HISTORY_TABLE} order by id`);
  return rows.map((r) => ({ id: Number(r.id), name: String(r.name), executedAt: r.executed_at ? new Date(r.executed_at as string) : null }));
}
