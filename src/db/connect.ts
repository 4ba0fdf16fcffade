/** Connecting MikroORM to a server or the embedded database; a failure becomes one line the user can act on. */
import type { EntitySchema, MigrationObject } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig, type Connection } from './config.js';
import { explainConnectError } from './connectError.js';
import type { Target } from './target.js';

export async function serverConnection(url: string): Promise<Connection> {
  const { sslOptionFor } = await import('./ssl.js');
  return { kind: 'server', url, ssl: await sslOptionFor(url) };
}

export async function connect(connection: Connection, list: MigrationObject[], target: Target, entities?: EntitySchema[]): Promise<MikroORM> {
  const { MikroORM } = await import('@mikro-orm/postgresql');
  const orm = await MikroORM.init({ ...ormConfig(connection, list, entities), logger: () => {} });
  const check = await orm.checkConnection();
  if (!check.ok) {
    await orm.close(true).catch(() => {});
    throw explainConnectError(check.error, target);
  }
  return orm;
}
