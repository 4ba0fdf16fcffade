import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { UserError } from './errors.js';
import { maskUrl, rememberSecret } from './secrets.js';

// Also importable from here, beside the targets whose URLs they mask.
export { maskUrl, rememberSecret, scrubSecrets } from './secrets.js';

/** Where the data lives: a PostgreSQL server, or the embedded PGlite cluster in a directory. */
export type Target =
  | { kind: 'server'; url: string; source: 'flag' | 'env' }
  | { kind: 'embedded'; dataDir: string };

export interface TargetOptions {
  databaseUrl?: string;
  dataDir?: string;
}

/**
 * Precedence: --database-url, then DATABASE_URL, then the embedded database in
 * --data-dir, else MOVIES_TUI_DATA_DIR, else the XDG data directory.
 */
export function resolveTarget(opts: TargetOptions, env: NodeJS.ProcessEnv = process.env): Target {
  if (opts.databaseUrl) return { kind: 'server', url: checkUrl(rememberSecret(opts.databaseUrl)), source: 'flag' };
  if (env.DATABASE_URL) return { kind: 'server', url: checkUrl(rememberSecret(env.DATABASE_URL)), source: 'env' };
  return { kind: 'embedded', dataDir: resolve(opts.dataDir || env.MOVIES_TUI_DATA_DIR || defaultDataDir(env)) };
}

/** $XDG_DATA_HOME/movies-tui, else ~/.local/share/movies-tui. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(base, 'movies-tui');
}

function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`invalid database URL ${maskUrl(url)}: expected postgresql://user:password@host:port/db`);
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new UserError(`invalid database URL ${maskUrl(url)}: it must start with postgresql://`);
  }
  // "u:pa/ss@h/db" parses as host "pa" with a path: the password would be taken for a host name.
  if (`${parsed.pathname}${parsed.search}${parsed.hash}`.includes('@')) {
    throw new UserError(`invalid database URL ${maskUrl(url)}: a / ? or # in the password must be written %2F %3F %23`);
  }
  return url;
}

/** A one-line description of a target for headers and `db info`. */
export function describeTarget(target: Target): string {
  return target.kind === 'server' ? maskUrl(target.url) : `embedded (${target.dataDir})`;
}

/** Like describeTarget, naming the kind for a server too (for the app's header). */
export function describeTargetWithKind(target: Target): string {
  return target.kind === 'server' ? `server ${maskUrl(target.url)}` : describeTarget(target);
}

/** The database's own name (the URL's, or the embedded data dir's), typed to confirm a reset. */
export function databaseName(target: Target): string {
  // Never empty (a data dir of /): an empty name would be confirmed by Enter alone.
  if (target.kind === 'embedded') return basename(target.dataDir) || target.dataDir;
  return decodeURIComponent(new URL(target.url).pathname.slice(1)) || 'postgres';
}
