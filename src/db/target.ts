import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { UserError } from './errors.js';

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
  if (opts.databaseUrl) return { kind: 'server', url: checkUrl(opts.databaseUrl), source: 'flag' };
  if (env.DATABASE_URL) return { kind: 'server', url: checkUrl(env.DATABASE_URL), source: 'env' };
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
  return url;
}

/** The URL with its password replaced by ****; used everywhere a URL is shown or logged. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    // Not a URL we can parse: hide anything between "user:" and "@" all the same.
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1****@');
  }
}

/** Hides every occurrence of a password in a message (errors from drivers may echo it). */
export function scrubSecrets(message: string, url?: string): string {
  let out = message.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]*@/g, '$1****@');
  const password = url ? passwordOf(url) : '';
  if (password.length >= 3) out = out.split(password).join('****');
  return out;
}

function passwordOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
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
  if (target.kind === 'embedded') return basename(target.dataDir);
  return decodeURIComponent(new URL(target.url).pathname.slice(1)) || 'postgres';
}
