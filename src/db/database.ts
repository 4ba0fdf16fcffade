import type { MigrationObject } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { migrationsList } from '../../migrations/index.js';
import type { Connection } from './config.js';
import { abortBulkLoads } from './bulk.js';
import { readCatalog, type DatabaseInfo } from './catalog.js';
import { connect, serverConnection } from './connect.js';
import { EmbeddedPostgres } from './embedded.js';
import { MigrationService } from './migrations.js';
import { ModelService } from './model.js';
import { isSourceCheckout, migrationsSourceDir } from './paths.js';
import { MovieStore } from './movies.js';
import { psqlSettings, type PsqlSettings } from './psqlSettings.js';
import { createdFunctions, dropAppSchema } from './resetSchema.js';
import { SeedService } from './seeds.js';
import type { DatabaseApi } from './types.js';
import { DatabaseHandle } from './handle.js';
import type { Project } from './project.js';
import type { Target } from './target.js';

export interface OpenOptions {
  /** The migrations to manage (tests add failing ones); defaults to the app's. */
  migrations?: MigrationObject[];
  /** Apply all migrations when the embedded database was just created (the first run). Default true. */
  migrateNew?: boolean;
  /** Told when the embedded database was created by this open, with the migrations applied to it. */
  onCreated?: (dataDir: string, applied: string[]) => void;
  /** Told what a slow open is doing: creating the embedded database, then migrating it (the first run). */
  onStep?: (step: string) => void;
  /** Where `migrations.create` writes (tests use a copy); null: not a source checkout. */
  migrationsSourceDir?: string | null;
  /** The embedded database, already starting (see openDatabase). */
  embedded?: Promise<EmbeddedPostgres>;
}

/** An open database: the services the CLI and the UI use, and nothing of MikroORM. */
export class Database extends DatabaseHandle implements DatabaseApi {
  readonly movies: MovieStore;
  readonly migrations: MigrationService;
  readonly seeds: SeedService;
  readonly model: ModelService;

  private constructor(
    target: Target,
    private readonly orm: MikroORM,
    embedded: EmbeddedPostgres | undefined,
    options: OpenOptions,
    list: MigrationObject[],
  ) {
    super(target, embedded);
    this.movies = new MovieStore(orm, embedded);
    const sourceDir = options.migrationsSourceDir === undefined ? defaultSourceDir(target) : (options.migrationsSourceDir ?? undefined);
    const project = options.migrations ? undefined : target.project;
    const discover = project && ((known: string[]) => loadMigrations(project, known));
    this.migrations = new MigrationService(orm, list, target.kind === 'server', () => this.movies.schemaChanged(), sourceDir, discover);
    this.seeds = new SeedService(orm, () => this.movies.schemaChanged(), target.project, () => this.movies.modelColumns());
    this.model = new ModelService(orm, target.project, loadEntities, () => this.movies.schemaChanged());
  }

  static async open(target: Target, options: OpenOptions = {}): Promise<Database> {
    const starting = target.kind === 'embedded' ? (options.embedded ?? EmbeddedPostgres.start(target.dataDir, options.onStep)) : undefined;
    starting?.catch(() => {}); // awaited below
    // Read while the embedded database starts in its thread; nothing is connected if the model is broken.
    const model = target.project ? await loadModel(target.project).catch(async (err: unknown) => {
      await starting?.then((e) => e.stop()).catch(() => {});
      throw err;
    }) : undefined;
    const list = options.migrations ?? model?.migrations ?? migrationsList;
    const embedded = await starting;
    try {
      const connection: Connection = embedded ? { kind: 'embedded', socketDir: embedded.socketDir } : await serverConnection((target as { url: string }).url);
      const orm = await connect(connection, list, target, model?.entities);
      const db = new Database(target, orm, embedded, options, list);
      if (embedded?.created) {
        if (options.migrateNew !== false) options.onStep?.(`applying the ${list.length} migrations to the new database…`);
        const applied = options.migrateNew === false ? [] : await db.migrations.up();
        if (options.migrateNew !== false) embedded.firstRunDone();
        options.onCreated?.(embedded.dataDir, applied);
      }
      return db;
    } catch (err) {
      await embedded?.stop().catch(() => {});
      throw err;
    }
  }

  async info(): Promise<DatabaseInfo> {
    const conn = (this.orm.em as EntityManager).getConnection();
    const catalog = await readCatalog((sql, params = []) => conn.execute(sql, params));
    const rows = catalog.columns.length > 0 ? await this.movies.count() : undefined;
    const project = this.target.project && { name: this.target.project.name, root: this.target.project.root };
    return { kind: this.kind, sharedWith: this.sharedWith, target: this.label, ...(project ? { project } : {}), serverVersion: catalog.serverVersion, rows, columns: catalog.columns, indexes: catalog.indexes, historyTable: catalog.historyTable, history: catalog.history };
  }

  /** Drops the app's tables (movie and the migrations log) and the functions the migrations create, then applies every migration. */
  async reset(): Promise<string[]> {
    const functions = createdFunctions(await this.migrations.sqlOfAll('up'));
    await dropAppSchema((this.orm.em as EntityManager).getConnection(), functions);
    this.movies.schemaChanged();
    return this.migrations.up();
  }

  /** Connection settings for psql (on the embedded database, this process's socket or the one it joined). */
  psqlSettings(): PsqlSettings {
    return psqlSettings(this.target, this.embedded?.socketDir);
  }

  /** Closes the ORM's connections but keeps an embedded database serving (for psql). */
  async disconnect(): Promise<void> {
    await this.orm.close(true);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.model.close();
    try {
      await this.closeFeed();
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
    // Through another process's socket: ending this process drops the connection, and the
    // owner rolls back what it left open.
    if (this.sharedWith !== undefined) return;
    const pool = (this.orm.em as EntityManager).getConnection().getKnex().client.pool as { numUsed?: () => number } | undefined;
    // Stopping the server drops its client, and PGlite rolls back the open transaction.
    if ((pool?.numUsed?.() ?? 0) > 0) await this.embedded.stop();
  }

  /** For exit paths that cannot wait (a second signal, process.exit): frees the lock and socket. */
  abandon(): void {
    this.embedded?.abandon();
  }
}

/** Where `migrate create` writes: the project's migrations, else the sources of a checkout. */
const defaultSourceDir = (target: Target) => target.project?.migrations ?? (isSourceCheckout() ? migrationsSourceDir : undefined);

async function loadEntities(project: Project) {
  const { loadProjectEntities } = await import('./projectModel.js');
  return loadProjectEntities(project);
}

async function loadMigrations(project: Project, known: string[]) {
  const { loadProjectMigrations } = await import('./projectModel.js');
  return loadProjectMigrations(project, known);
}

async function loadModel(project: Project) {
  const { loadProjectModel } = await import('./projectModel.js');
  return loadProjectModel(project);
}
