import type { EntityManager } from '@mikro-orm/postgresql';
import { connect, serverConnection } from './connect.js';
import { UserError } from './errors.js';
import { maskUrl, scrubSecrets, urlDatabaseName, type Target } from './target.js';

/** `db create`: creates the URL's database on its server. Returns false if it already existed. */
export async function createDatabase(target: Target): Promise<boolean> {
  if (target.kind !== 'server') return false;
  const url = new URL(target.url);
  const name = urlDatabaseName(target.url);
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
