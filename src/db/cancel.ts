import type { MikroORM } from '@mikro-orm/core';
import type { ClientConfig } from 'pg';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CancelledError } from './errors.js';
import { dollarParams, type RunSql } from './reader.js';

interface PgClient {
  readonly processID: number | null;
  query(text: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * Reads through the ORM's pool that stop when their AbortSignal fires, so a search keystroke
 * never waits behind the previous keystroke's query:
 * - a read whose signal fired while it waited for a connection is not sent at all;
 * - on a server, a read already running is cancelled with pg_cancel_backend over a connection
 *   of its own, and fails at once with 57014 (reported as CancelledError);
 * - PGlite has no way to stop a running statement (no signals, no statement_timeout in WASM),
 *   so on the embedded database a running read finishes and its answer is dropped.
 * Without a signal a read is a plain em.execute.
 */
export function cancellableSql(orm: MikroORM, canCancel: boolean): RunSql {
  const em = () => orm.em.fork() as EntityManager;
  return async (sql, params = [], signal) => {
    if (!signal) return em().execute(sql, params);
    if (signal.aborted) throw new CancelledError();
    const knex = em().getConnection().getKnex();
    const client = (await knex.client.acquireConnection()) as PgClient;
    let cancelling: Promise<unknown> | undefined;
    const cancel = () => {
      const pid = client.processID;
      if (canCancel && pid) cancelling = cancelBackend((knex.client as { connectionSettings: ClientConfig }).connectionSettings, pid);
    };
    try {
      if (signal.aborted) throw new CancelledError();
      signal.addEventListener('abort', cancel, { once: true });
      return (await client.query(dollarParams(sql), params)).rows;
    } catch (err) {
      throw signal.aborted ? new CancelledError() : err;
    } finally {
      signal.removeEventListener('abort', cancel);
      // The cancel is a signal to the backend: let it land before another read gets this
      // connection, or it could stop that read instead (an idle backend ignores it).
      await cancelling;
      knex.client.releaseConnection(client);
    }
  };
}

/**
 * pg_cancel_backend over a connection of its own, with the pool's settings: not one of the
 * pool's, which could all be held by reads waiting for their cancels.
 */
async function cancelBackend(settings: ClientConfig, pid: number): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client(settings);
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select pg_cancel_backend($1)', [pid]);
  } catch {
    // Not cancelled: the read runs to its end, and its answer is dropped.
  } finally {
    await client.end().catch(() => {});
  }
}
