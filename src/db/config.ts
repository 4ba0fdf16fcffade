import { defineConfig, type Options } from '@mikro-orm/postgresql';
import type { EntitySchema, MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { SeedManager } from '@mikro-orm/seeder';
import { migrationsList } from '../../migrations/index.js';
import { Movie } from './entities.js';
import { HISTORY_TABLE } from './catalog.js';
import { packageRoot } from './paths.js';
import { CONNECT_TIMEOUT_MS } from './plainConnection.js';
import { withoutSslParams, type SslOption } from './ssl.js';

/** How the pg driver reaches the database: a server URL, or the embedded database's socket directory. */
export type Connection =
  | { kind: 'server'; url: string; /** From the URL's sslmode (see ssl.ts); plaintext when absent. */ ssl?: SslOption }
  | { kind: 'embedded'; socketDir: string };

/** MikroORM's migration history (the Database screen and `db info` show its rows). */
export const MIGRATIONS_TABLE = HISTORY_TABLE;

/**
 * The one MikroORM configuration, for the app, the tests and the MikroORM CLI.
 * Migrations are compiled classes registered by reference (no globbing, no cwd),
 * so the installed package works from any directory. A project brings its own entities and migrations.
 */
export function ormConfig(connection: Connection, migrations: MigrationObject[] = migrationsList, entities: EntitySchema[] = [Movie]): Options {
  const where: Options =
    connection.kind === 'server'
      ? // MikroORM reads no SSL settings from the URL: they come from connection.ssl.
        { clientUrl: withoutSslParams(connection.url), pool: { min: 0, max: 4 } }
      : // PGlite is a single session: exactly one connection, and it is the database "postgres".
        { host: connection.socketDir, port: 5432, user: 'postgres', dbName: 'postgres', pool: { min: 1, max: 1 } };
  return defineConfig({
    ...where,
    entities,
    baseDir: packageRoot,
    ensureDatabase: false,
    debug: false,
    // knex warns on the console when a pooled connection drops; the pool reconnects by itself,
    // and console output would tear through the full-screen app.
    driverOptions: {
      log: { warn() {}, error() {}, deprecate() {}, debug() {} },
      // A server that does not answer: give up connecting after a few seconds, not the OS's minutes.
      ...(connection.kind === 'server' ? { connection: { connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true, ssl: connection.ssl ?? false } } : {}),
    },
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator, SeedManager],
    migrations: {
      tableName: MIGRATIONS_TABLE,
      migrationsList: migrations,
      path: 'dist/migrations',
      pathTs: 'migrations',
      emit: 'ts',
      // Never write a snapshot into node_modules or the user's directory: diffs are taken against the live schema.
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
    seeder: { path: 'dist/seeds', pathTs: 'seeds', defaultSeeder: 'DatabaseSeeder', emit: 'ts' },
  });
}
