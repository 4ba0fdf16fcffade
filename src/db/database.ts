import type { MigrationObject } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { migrationsList } from '../../migrations/index.js';
import { MIGRATIONS_TABLE, ormConfig, type Connection } from './config.js';
import { abortBulkLoads } from './bulk.js';
import { changeFeedFor, type ChangeFeed } from './changes.js';
import { EmbeddedPostgres, SOCKET_PORT } from './embedded.js';
import { UserError } from './errors.js';
import { MigrationService } from './migrations.js';
import { isSourceCheckout, migrationsSourceDir } from './paths.js';
import { MovieStore, type Count } from './movies.js';
import { SeedService } from './seeds.js';
import type { DatabaseApi } from './types.js';
import { databaseName, describeTarget, maskUrl, scrubSecrets, type Target } from './target.js';

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
  serverVersion: string;
  /** Undefined while the movie table does not exist. */
  rows?: Count;
  columns: ColumnInfo[];
  indexes: IndexInfo[];
}

/** libpq settings for psql; the password goes in PGPASSWORD, never on a command line. */
export interface PsqlSettings {
  PGHOST: string;
  PGPORT: string;
  PGUSER: string;
  PGDATABASE: string;
  PGPASSWORD?: string;
  PGSSLMODE?: string;
  PGSSLROOTCERT?: string;
}

export interface OpenOptions {
  /** The migrations to manage (tests add failing ones); defaults to the app's. */
  migrations?: MigrationObject[];
  /** Apply all migrations when the embedded database was just created (the first run). Default true. */
  migrateNew?: boolean;
  /** Told when the embedded database was created by this open, with the migrations applied to it. */
  onCreated?: (dataDir: string, applied: string[]) => void;
  /** Where `migrations.create` writes (tests use a copy); null: not a source checkout. */
  migrationsSourceDir?: string | null;
  /** The embedded database, already starting (see openDatabase). */
  embedded?: Promise<EmbeddedPostgres>;
}

/** An open database: the services the CLI and the UI use, and nothing of MikroORM. */
export class Database implements DatabaseApi {
  readonly movies: MovieStore;
  readonly migrations: MigrationService;
  readonly seeds: SeedService;
  private closed = false;
  private feed: ChangeFeed | undefined;

  private constructor(
    readonly target: Target,
    private readonly orm: MikroORM,
    private readonly embedded: EmbeddedPostgres | undefined,
    options: OpenOptions,
  ) {
    this.movies = new MovieStore(orm, embedded);
    const sourceDir = options.migrationsSourceDir === undefined ? defaultSourceDir() : (options.migrationsSourceDir ?? undefined);
    this.migrations = new MigrationService(orm, options.migrations ?? migrationsList, target.kind === 'server', () => this.movies.schemaChanged(), sourceDir);
    this.seeds = new SeedService(orm, () => this.movies.schemaChanged());
  }

  static async open(target: Target, options: OpenOptions = {}): Promise<Database> {
    const list = options.migrations ?? migrationsList;
    const embedded = target.kind === 'embedded' ? await (options.embedded ?? EmbeddedPostgres.start(target.dataDir)) : undefined;
    try {
      const connection: Connection = embedded ? { kind: 'embedded', socketDir: embedded.socketDir } : await serverConnection((target as { url: string }).url);
      const orm = await connect(connection, list, target);
      const db = new Database(target, orm, embedded, options);
      if (embedded?.created) {
        const applied = options.migrateNew === false ? [] : await db.migrations.up();
        options.onCreated?.(embedded.dataDir, applied);
      }
      return db;
    } catch (err) {
      await embedded?.stop().catch(() => {});
      throw err;
    }
  }

  get kind(): Target['kind'] {
    return this.target.kind;
  }

  /** The database's own name (the URL's, or the embedded data dir's), typed to confirm a reset. */
  get name(): string {
    return databaseName(this.target);
  }

  /** Masked URL or "embedded (<dir>)": safe to print. */
  get label(): string {
    return describeTarget(this.target);
  }

  async info(): Promise<DatabaseInfo> {
    const conn = (this.orm.em as EntityManager).getConnection();
    const [version] = await conn.execute(`show server_version`);
    const columns = (await conn.execute(
      `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, not a.attnotnull as nullable,
              pg_get_expr(d.adbin, d.adrelid) as "default"
         from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where a.attrelid = to_regclass('movie') and a.attnum > 0 and not a.attisdropped
        order by a.attnum`,
    )) as ColumnInfo[];
    const indexes = (await conn.execute(
      `select indexname as name, indexdef as definition from pg_indexes
        where schemaname = current_schema() and tablename = 'movie' order by indexname`,
    )) as IndexInfo[];
    return {
      kind: this.kind,
      target: this.label,
      serverVersion: String(version?.server_version ?? 'unknown'),
      rows: columns.length > 0 ? await this.movies.count() : undefined,
      columns,
      indexes,
    };
  }

  /** Drops the app's tables (movie and the migrations log) and its search function, then applies every migration. */
  async reset(): Promise<string[]> {
    const conn = (this.orm.em as EntityManager).getConnection();
    await conn.transactional(async (trx) => {
      await conn.execute(`drop table if exists "movie" cascade`, [], 'run', trx);
      await conn.execute(`drop table if exists "${MIGRATIONS_TABLE}" cascade`, [], 'run', trx);
      // The table's functions (triggers went with the table).
      for (const fn of ['movie_directors_text(text[])', 'movie_bump_version()', 'movie_notify_change()']) {
        await conn.execute(`drop function if exists ${fn}`, [], 'run', trx);
      }
    });
    this.movies.schemaChanged();
    return this.migrations.up();
  }

  /** Connection settings for psql. For the embedded database, call disconnect() first: it takes one client. */
  psqlSettings(): PsqlSettings {
    if (this.embedded) {
      return { PGHOST: this.embedded.socketDir, PGPORT: String(SOCKET_PORT), PGUSER: 'postgres', PGDATABASE: 'postgres' };
    }
    const url = new URL((this.target as { url: string }).url);
    const settings: PsqlSettings = {
      PGHOST: decodeURIComponent(url.hostname.replace(/^\[|\]$/g, '')) || 'localhost',
      PGPORT: url.port || '5432',
      PGUSER: decodeURIComponent(url.username) || process.env.USER || 'postgres',
      PGDATABASE: decodeURIComponent(url.pathname.slice(1)) || 'postgres',
    };
    if (url.password) settings.PGPASSWORD = decodeURIComponent(url.password);
    // psql is libpq: it reads these as this app does (ssl.ts).
    for (const [param, env] of [['sslmode', 'PGSSLMODE'], ['sslrootcert', 'PGSSLROOTCERT']] as const) {
      const value = url.searchParams.get(param);
      if (value) settings[env] = value;
    }
    return settings;
  }

  /** Live changes and the state of the connection, on a server (opened on first use). */
  get changes(): ChangeFeed | undefined {
    if (this.closed) return undefined;
    this.feed ??= changeFeedFor(this.target);
    return this.feed;
  }

  /** Closes the ORM's connections but keeps an embedded database serving (for psql). */
  async disconnect(): Promise<void> {
    await this.orm.close(true);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.feed?.close();
      await this.interruptWork();
      await this.orm.close(true);
    } finally {
      await this.embedded?.stop();
    }
  }

  /**
   * Work still running when the database is closed (Ctrl+C, SIGTERM, quitting mid-migration) is
   * rolled back, not waited for: closing the pool waits for a busy connection, so a migration or
   * an import's last statement would commit after the user asked to stop.
   */
  private async interruptWork(): Promise<void> {
    await abortBulkLoads(this.orm);
    if (!this.embedded) return this.migrations.interrupt();
    const pool = (this.orm.em as EntityManager).getConnection().getKnex().client.pool as { numUsed?: () => number } | undefined;
    // Stopping the server drops its client, and PGlite rolls back the open transaction.
    if ((pool?.numUsed?.() ?? 0) > 0) await this.embedded.stop();
  }

  /** For exit paths that cannot wait (a second signal, process.exit): frees the lock and socket. */
  abandon(): void {
    this.embedded?.abandon();
  }
}

async function serverConnection(url: string): Promise<Connection> {
  const { sslOptionFor } = await import('./ssl.js');
  return { kind: 'server', url, ssl: await sslOptionFor(url) };
}

const defaultSourceDir = () => (isSourceCheckout() ? migrationsSourceDir : undefined);

async function connect(connection: Connection, list: MigrationObject[], target: Target): Promise<MikroORM> {
  const { MikroORM } = await import('@mikro-orm/postgresql');
  const orm = await MikroORM.init({ ...ormConfig(connection, list), logger: () => {} });
  const check = await orm.checkConnection();
  if (!check.ok) {
    await orm.close(true).catch(() => {});
    throw explainConnectError(check.error, target);
  }
  return orm;
}

const CERTIFICATE_CODES = /CERT|SIGNATURE|ERR_TLS_CERT_ALTNAME_INVALID|ISSUER/;

/** One line a user can act on, for the ways a connection fails; the password never appears. */
export function explainConnectError(err: unknown, target: Target): Error {
  const url = target.kind === 'server' ? target.url : undefined;
  const where = describeTarget(target);
  const e = (err ?? {}) as { code?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code;
  const parsed = url ? new URL(url) : undefined;
  const dbName = parsed ? decodeURIComponent(parsed.pathname.slice(1)) || 'postgres' : 'postgres';
  const host = parsed ? `${parsed.hostname}:${parsed.port || 5432}` : where;
  const mode = parsed?.searchParams.get('sslmode');
  if (/does not support SSL/i.test(String(e.message))) {
    return new UserError(`cannot connect to ${where}: the server does not accept SSL, and the URL asks for sslmode=${mode}: not connecting in plaintext (sslmode=prefer or disable would)`);
  }
  if (code && CERTIFICATE_CODES.test(code)) {
    const problem = code === 'ERR_TLS_CERT_ALTNAME_INVALID'
      ? `does not name the host ${parsed?.hostname} (${code}); use the host name it was issued for, or sslmode=verify-ca`
      : `is not signed by the CA in sslrootcert (${code})`;
    return new UserError(`cannot connect to ${where}: the server's certificate ${problem}`);
  }
  switch (code) {
    case '3D000':
      return new UserError(`database "${dbName}" does not exist on ${host}; create it with: movies-tui db create`);
    case 'ECONNREFUSED':
      return new UserError(`cannot connect to ${where}: connection refused (is PostgreSQL running on ${host}?)`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UserError(`cannot connect to ${where}: unknown host ${parsed?.hostname ?? ''}`);
    case 'ETIMEDOUT':
      return new UserError(`cannot connect to ${where}: timed out`);
    case '28P01':
    case '28000':
      return new UserError(`cannot connect to ${where}: ${scrubSecrets(String(e.message), url)}`);
    default:
      return new UserError(`cannot connect to ${where}: ${scrubSecrets(String(e.message ?? err), url)}`);
  }
}

/** `db create`: creates the URL's database on its server. Returns false if it already existed. */
export async function createDatabase(target: Target): Promise<boolean> {
  if (target.kind !== 'server') return false;
  const url = new URL(target.url);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name) throw new UserError(`the database URL ${maskUrl(target.url)} names no database`);
  url.pathname = '/postgres';
  const admin: Target = { kind: 'server', url: url.toString(), source: target.source };
  const orm = await connect(await serverConnection(admin.url), [], admin);
  try {
    const conn = (orm.em as EntityManager).getConnection();
    const exists = await conn.execute(`select 1 from pg_database where datname = ?`, [name]);
    if (exists.length > 0) return false;
    await conn.execute(`create database "${name.replace(/"/g, '""')}"`);
    return true;
  } catch (err) {
    throw new UserError(`could not create database "${name}": ${scrubSecrets(String((err as Error).message), target.url)}`);
  } finally {
    await orm.close(true);
  }
}
