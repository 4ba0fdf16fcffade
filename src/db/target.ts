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

/**
 * "scheme://user:" and what follows up to the last "@" of the word: a password may hold an
 * unencoded @ or /, and hiding too much is better than showing some of it.
 */
const USERINFO = /([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)(\S*)@/gi;

/** The URL with its password replaced by ****; used everywhere a URL is shown or logged. */
export function maskUrl(url: string): string {
  let out = url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    out = parsed.toString();
  } catch {
    // Not a URL we can parse: the pattern below hides the password all the same.
  }
  // Also when the parser took part of the password for the host ("u:pa/ss@h/db").
  return out.replace(USERINFO, '$1****@');
}

/** Passwords of the URLs this process was given: scrubSecrets hides them wherever they appear. */
const knownPasswords = new Set<string>();

/** Remembers the URL's password (as written and decoded), so no message can show it later. Returns the URL. */
export function rememberSecret(url: string): string {
  for (const password of passwordsOf(url)) {
    // Shorter ones would turn ordinary words into ****; those still go through the URL pattern.
    if (password.length >= 3) knownPasswords.add(password);
  }
  return url;
}

/**
 * Hides passwords in a message (drivers' errors may echo the connection string): any
 * `scheme://user:password@`, and every password this process was given (see rememberSecret)
 * or that `url` carries.
 */
export function scrubSecrets(message: string, url?: string): string {
  let out = message.replace(USERINFO, '$1****@');
  const passwords = url ? [...knownPasswords, ...passwordsOf(url).filter((p) => p.length >= 3)] : [...knownPasswords];
  // Longest first, so a password containing another is hidden whole.
  for (const password of passwords.sort((a, b) => b.length - a.length)) out = out.split(password).join('****');
  return out;
}

/** The password as the URL parser sees it and as the pattern does (they differ for a malformed URL), raw and decoded. */
function passwordsOf(url: string): string[] {
  const raw = [new RegExp(USERINFO.source, 'i').exec(url)?.[2] ?? ''];
  try {
    raw.push(new URL(url).password);
  } catch {
    // the pattern's is all there is
  }
  const decoded = raw.map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p; // a malformed escape
    }
  });
  return [...new Set([...raw, ...decoded])].filter(Boolean);
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
