import { SOCKET_PORT } from './embedded.js';
import { databaseName, type Target } from './target.js';

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

/** psql's settings for a server URL, or for the embedded database's socket (when it has one). */
export function psqlSettings(target: Target, embeddedSocketDir?: string): PsqlSettings {
  if (embeddedSocketDir !== undefined || target.kind !== 'server') {
    return { PGHOST: embeddedSocketDir ?? '', PGPORT: String(SOCKET_PORT), PGUSER: 'postgres', PGDATABASE: 'postgres' };
  }
  const url = new URL(target.url);
  const settings: PsqlSettings = {
    PGHOST: decodeURIComponent(url.hostname.replace(/^\[|\]$/g, '')) || 'localhost',
    PGPORT: url.port || '5432',
    PGUSER: decodeURIComponent(url.username) || process.env.USER || 'postgres',
    PGDATABASE: databaseName(target),
  };
  if (url.password) settings.PGPASSWORD = decodeURIComponent(url.password);
  // psql is libpq: it reads these as this app does (ssl.ts).
  for (const [param, env] of [['sslmode', 'PGSSLMODE'], ['sslrootcert', 'PGSSLROOTCERT']] as const) {
    const value = url.searchParams.get(param);
    if (value) settings[env] = value;
  }
  return settings;
}
