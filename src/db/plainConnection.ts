import type { ClientConfig } from 'pg';
import { socketSettings, type EmbeddedPostgres } from './embedded.js';
import { dollarParams, type RunSql } from './reader.js';
import type { Target } from './target.js';

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
    run: plainRun(async (sql, params) => (await client.query(sql, params)).rows as Record<string, unknown>[]),
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

/**
 * A RunSql over a driver's `$1` query: a database error's message starts with the SQL that
 * failed, as MikroORM's do ("select … - relation … does not exist"), so --verbose shows the SQL
 * and the one-line message (errors.ts) leaves it out alike.
 */
export function plainRun(query: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>): RunSql {
  return async (sql, params = []) => {
    const text = dollarParams(sql);
    try {
      return await query(text, params);
    } catch (err) {
      // SQLSTATE codes are five characters; a lost connection (ECONNRESET…) is not about the SQL.
      const code = (err as { code?: unknown } | undefined)?.code;
      if (err instanceof Error && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) err.message = `${text} - ${err.message}`;
      throw err;
    }
  };
}

/**
 * The plain connection to read a target through without MikroORM: PGlite itself (the embedded
 * database this process owns), the socket of the process that owns it, or the server. None for
 * an embedded database created just now: it gets its migrations (through the ORM) first.
 */
export async function plainConnectionFor(target: Target, embedded?: EmbeddedPostgres): Promise<PlainConnection | undefined> {
  if (target.kind === 'server') return connectServer(target.url);
  if (!embedded || embedded.created) return undefined;
  if (embedded.sharedWith !== undefined) return connectPlain(socketSettings(embedded.socketDir));
  return { run: plainRun((sql, params) => embedded.query(sql, params)), close: async () => {} };
}
