/** What `db info` and the app's database screen show: the live shape of movie, read from the catalog. */
import type { Count, RunSql } from './reader.js';
import type { Target } from './target.js';

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

export interface DatabaseInfo {
  kind: Target['kind'];
  /** Masked URL, or the embedded data dir. */
  target: string;
  /** The project in use, inside a movies-tui project. */
  project?: { name: string; root: string };
  serverVersion: string;
  /** Undefined while the movie table does not exist. */
  rows?: Count;
  columns: ColumnInfo[];
  indexes: IndexInfo[];
}

/** The server's version and the live columns and indexes of movie (none while it does not exist). */
export async function readCatalog(sql: RunSql): Promise<Pick<DatabaseInfo, 'serverVersion' | 'columns' | 'indexes'>> {
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
  return { serverVersion: String(version?.server_version ?? 'unknown'), columns, indexes };
}
