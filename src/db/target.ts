import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { UsageError, UserError } from './errors.js';
import { findProject, type Project } from './project.js';
import { maskUrl, rememberSecret } from './secrets.js';

// Also importable from here, beside the targets whose URLs they mask.
export { maskUrl, rememberSecret, scrubSecrets } from './secrets.js';

/** Where the data lives: a PostgreSQL server, or the embedded PGlite cluster in a directory. */
export type Target = (
  | { kind: 'server'; url: string; source: 'flag' | 'env' }
  | { kind: 'embedded'; dataDir: string }
) & {
  /** The project found from the current directory: its model and migrations replace the built-in ones. */
  project?: Project;
};

export interface TargetOptions {
  databaseUrl?: string;
  dataDir?: string;
}

/**
 * Precedence: --database-url, then DATABASE_URL, then the embedded database in
 * --data-dir, else MOVIES_TUI_DATA_DIR, else the project's data dir (inside a project),
 * else the XDG data directory.
 */
export function resolveTarget(opts: TargetOptions, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Target {
  const project = findProject(cwd);
  const target = serverOrEmbedded(opts, env, project);
  return project ? { ...target, project } : target;
}

function serverOrEmbedded(opts: TargetOptions, env: NodeJS.ProcessEnv, project: Project | undefined): Target {
  if (opts.databaseUrl !== undefined) {
    if (opts.databaseUrl.trim() === '') throw new UsageError('--database-url is empty: give a URL such as postgresql://localhost/movies, or leave the option out for the embedded database');
    return { kind: 'server', url: checkUrl(rememberSecret(opts.databaseUrl)), source: 'flag' };
  }
  // An empty DATABASE_URL (`DATABASE_URL= movies-tui`) is a mistake more often than a wish for
  // the embedded database: refuse rather than silently create one.
  if (env.DATABASE_URL !== undefined && env.DATABASE_URL.trim() === '') {
    throw new UserError('DATABASE_URL is set but empty: set it to a URL such as postgresql://localhost/movies, or unset it (unset DATABASE_URL) to use the embedded database');
  }
  if (env.DATABASE_URL) return { kind: 'server', url: checkUrl(rememberSecret(env.DATABASE_URL)), source: 'env' };
  return { kind: 'embedded', dataDir: resolve(opts.dataDir || env.MOVIES_TUI_DATA_DIR || project?.dataDir || defaultDataDir(env)) };
}

/** $XDG_DATA_HOME/movies-tui, else ~/.local/share/movies-tui. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(base, 'movies-tui');
}

// No user:password@ in the example: the secrets scrubber would mask it.
const FORMAT = 'expected postgresql://host:port/database (user and password go before the host)';

/** A URL the driver can use, or one line saying what is wrong with it and how to write it. */
function checkUrl(url: string): string {
  const bad = (why: string) => new UserError(`invalid database URL ${maskUrl(url)}: ${why}`);
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw bad(FORMAT);
  // Everything before the last @ of the authority is user and password.
  const authority = /^[^:]+:\/\/(.*)$/.exec(url)![1]!;
  const at = authority.lastIndexOf('@');
  const credentials = at >= 0 ? authority.slice(0, at) : '';
  // "u:pa/ss@h/db" would be read as host "u" with a path: the password would be taken for a host name.
  if (/[/?#]/.test(credentials)) throw bad('a / ? or # in the user name or password must be written %2F %3F %23');
  if (/%(?![0-9a-f]{2})/i.test(url)) throw bad('a % must start an escape such as %2F (write a % itself as %25)');
  const hostPort = (at >= 0 ? authority.slice(at + 1) : authority).split(/[/?#]/)[0]!;
  const port = /^(?:\[[^\]]*\]|[^:]*):(.*)$/.exec(hostPort)?.[1];
  if (port !== undefined && port !== '' && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    throw bad(`the port ${port} is not a port number (1 to 65535; PostgreSQL's is usually 5432)`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw bad(FORMAT);
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') throw bad('it must start with postgresql://');
  if (!parsed.hostname) throw bad(`it names no host: ${FORMAT}`);
  if (parsed.pathname.length <= 1) throw bad(`it names no database: add it after the host, as in postgresql://${parsed.host}/movies`);
  return url;
}

/** A one-line description of a target for headers and `db info`; `sharedWith`: the PID whose embedded database is used through its socket. */
export function describeTarget(target: Target, sharedWith?: number): string {
  if (target.kind === 'server') return maskUrl(target.url);
  return `embedded (${target.dataDir}${sharedWith === undefined ? '' : `, shared with PID ${sharedWith}`})`;
}

/** Like describeTarget, naming the kind for a server too and the project, if any (for the app's header). */
export function describeTargetWithKind(target: Target): string {
  const where = target.kind === 'server' ? `server ${maskUrl(target.url)}` : describeTarget(target);
  return target.project ? `project ${target.project.name} · ${where}` : where;
}

/** The database's own name (the URL's, or the embedded data dir's), typed to confirm a reset. */
export function databaseName(target: Target): string {
  // Never empty (a data dir of /): an empty name would be confirmed by Enter alone.
  if (target.kind === 'embedded') {
    // A project's own database is named after the project ("films"), not its folder ("data").
    if (target.project && resolve(target.dataDir) === resolve(target.project.dataDir)) return target.project.name;
    return basename(target.dataDir) || target.dataDir;
  }
  return urlDatabaseName(target.url) || 'postgres';
}

/** The database a URL names (its path, decoded); empty when it names none. */
export function urlDatabaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}
