import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Database } from '../../src/db/database.js';

/**
 * Runs SQL on an open test database past every check of the app, as psql or an older version
 * would: to put rows the app itself would refuse into the table.
 */
export function rawSql(db: Database, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const orm = (db as unknown as { orm: MikroORM }).orm;
  return (orm.em.fork() as EntityManager).getConnection().execute(sql, params);
}
