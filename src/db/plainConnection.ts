import type { ClientConfig } from 'pg';
import { dollarParams, type RunSql } from './reader.js';

/** How long a server may take to accept a connection, for the ORM's pool and plain connections alike. */
export const CONNECT_TIMEOUT_MS = 5000;

/** A plain pg connection (no MikroORM): reads with the reader's `?` placeholders. */
export interface PlainConnection {
  run: RunSql;
  close(): Promise<void>;
}

export async function connectPlain(config: ClientConfig): Promise<PlainConnection> {
  const { default: pg } = await import('pg');
  const client = new pg.Client(config);
  client.on('error', () => {}); // a dropped connection fails the next query, which says so
  await client.connect();
  return {
    run: async (sql, params = []) => (await client.query(dollarParams(sql), params)).rows as Record<string, unknown>[],
    close: () => client.end().catch(() => {}),
  };
}

/**
 * A plain connection to a server, with the URL's SSL settings read as the ORM's are (ssl.ts: pg
 * alone would read `sslmode` its own way, and print a warning over the app's screen) and the
 * same time limit.
 */
export async function connectServer(url: string): Promise<PlainConnection> {
  const { sslOptionFor, withoutSslParams } = await import('./ssl.js');
  return connectPlain({ connectionString: withoutSslParams(url), ssl: await sslOptionFor(url), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
}
