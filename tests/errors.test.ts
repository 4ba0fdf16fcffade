import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../src/db/database.js';
import { MOVIE_TABLE_MISSING } from '../src/db/errors.js';
import { lockPath } from '../src/db/lock.js';
import { errorLine } from '../src/ui/backgroundErrors.js';
import { CLI, cleanEnv, run, type Result } from './support/cli.js';
import { newDataDir, newServerDatabase, serverUrl } from './support/databases.js';

/**
 * Every error a user can meet says what happened and what to do, in one line on stderr, in
 * their terms: no SQL, no stack, no ORM option names. --verbose adds the detail after it.
 * Usage errors (the command line itself is wrong) exit 2, every other failure 1.
 */
interface Case {
  name: string;
  args: string[];
  env: () => NodeJS.ProcessEnv | Promise<NodeJS.ProcessEnv>;
  code: 1 | 2;
  stderr: string | RegExp;
  /** Shown with --verbose only. */
  detail?: RegExp;
  /** Run as this user (a read-only directory stops only a user who is not root). */
  asUser?: string;
}

let unmigrated: string;
let sleeper: ReturnType<typeof spawn>;
const root = process.getuid?.() === 0;

const withDataDir = (dataDir: string) => () => cleanEnv({ MOVIES_TUI_DATA_DIR: dataDir });

/** A data dir of `nobody`'s (when root) whose pgdata, or the whole dir, nobody may write. */
function readOnlyDataDir(which: 'pgdata' | 'data'): string {
  const data = newDataDir();
  if (root) spawnSync('chown', ['-R', 'nobody', data]);
  spawnSync('chmod', ['-R', 'a-w', which === 'pgdata' ? join(data, 'pgdata') : data]);
  return data;
}

/** A data dir whose lock names a live process that is not movies-tui. */
function lockedByAnotherProgram(): string {
  const data = newDataDir();
  writeFileSync(lockPath(data), JSON.stringify({ pid: sleeper.pid }));
  return data;
}

const CASES: Case[] = [
  {
    name: 'list before any migration',
    args: ['list'],
    env: () => cleanEnv({ DATABASE_URL: unmigrated }),
    code: 1,
    stderr: `movies-tui: ${MOVIE_TABLE_MISSING}\n`,
    detail: /select m\.id.*relation "movie" does not exist[\s\S]*\n    at /,
  },
  { name: 'a URL with no host', args: ['list'], env: () => cleanEnv({ DATABASE_URL: 'postgres://' }), code: 1, stderr: 'movies-tui: invalid database URL postgres://: it names no host: expected postgresql://host:port/database (user and password go before the host)\n' },
  {
    name: 'a URL ending in / (no database)',
    args: ['list'],
    env: () => cleanEnv({ DATABASE_URL: 'postgresql://localhost:5432/' }),
    code: 1,
    stderr: 'movies-tui: invalid database URL postgresql://localhost:5432/: it names no database: add it after the host, as in postgresql://localhost:5432/movies\n',
  },
  {
    name: 'a % that starts no escape, in the password',
    args: ['list'],
    env: () => cleanEnv({ DATABASE_URL: 'postgresql://ann:nc%zz@localhost/movies' }),
    code: 1,
    stderr: 'movies-tui: invalid database URL postgresql://ann:****@localhost/movies: a % must start an escape such as %2F (write a % itself as %25)\n',
  },
  {
    name: 'port 99999',
    args: ['list'],
    env: () => cleanEnv({ DATABASE_URL: 'postgresql://localhost:99999/movies' }),
    code: 1,
    stderr: "movies-tui: invalid database URL postgresql://localhost:99999/movies: the port 99999 is not a port number (1 to 65535; PostgreSQL's is usually 5432)\n",
  },
  {
    name: 'an unencoded / in the password',
    args: ['list'],
    env: () => cleanEnv({ DATABASE_URL: 'postgresql://ann:pa/ss@localhost/movies' }),
    code: 1,
    stderr: 'movies-tui: invalid database URL postgresql://ann:****@localhost/movies: a / ? or # in the user name or password must be written %2F %3F %23\n',
  },
  {
    name: 'an empty DATABASE_URL (never a silent embedded database)',
    args: ['list'],
    env: () => cleanEnv({ DATABASE_URL: '' }),
    code: 1,
    stderr: 'movies-tui: DATABASE_URL is set but empty: set it to a URL such as postgresql://localhost/movies, or unset it (unset DATABASE_URL) to use the embedded database\n',
  },
  {
    name: 'a read-only pgdata',
    args: ['list'],
    env: () => withDataDir(readOnlyDataDir('pgdata'))(),
    code: 1,
    stderr: /^movies-tui: cannot write to the embedded database \/\S+\/pgdata \(permission denied\): give your user write access to it \(chmod -R u\+w \/\S+\/pgdata\), or use another directory with --data-dir or MOVIES_TUI_DATA_DIR\n$/,
    asUser: root ? 'nobody' : undefined,
  },
  {
    name: 'a read-only data directory',
    args: ['list'],
    env: () => withDataDir(readOnlyDataDir('data'))(),
    code: 1,
    stderr: /^movies-tui: cannot write to the data directory \/\S+ \(permission denied\)/,
    asUser: root ? 'nobody' : undefined,
  },
  {
    name: 'a lock held by a live process that is not movies-tui',
    args: ['list'],
    env: () => withDataDir(lockedByAnotherProgram())(),
    code: 1,
    stderr: /^movies-tui: database in use by PID \d+ says the lock file \/\S+\/movies-tui\.lock, but PID \d+ is sleep, not movies-tui: the lock is stale; delete that file and try again\n$/,
  },
  { name: 'edit with no change', args: ['edit', '1'], env: withDataDir(newDataDir()), code: 2, stderr: 'movies-tui: edit needs at least one change: --title, --year, --director, --mpa or --no-mpa, --theatre or --no-theatre, --set column=value\n' },
  {
    name: 'import of a file whose format is unknown',
    args: ['import', 'movies.txt'],
    env: withDataDir(newDataDir()),
    code: 2,
    stderr: 'movies-tui: cannot tell the format of movies.txt: name it .csv or .json, or pass --format csv|json\n',
  },
  {
    name: 'export to a file whose format is unknown',
    args: ['export', 'movies.xml'],
    env: withDataDir(newDataDir()),
    code: 2,
    stderr: 'movies-tui: cannot tell the format of movies.xml: name it .csv or .json, or pass --format csv|json\n',
  },
];

async function runAs(c: Case, extra: string[] = []): Promise<Result> {
  const env = await c.env();
  if (!c.asUser) return run([...c.args, ...extra], env);
  const r = spawnSync('runuser', ['-u', c.asUser, '--', 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), process.execPath, CLI, ...c.args, ...extra], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('errors in plain words, as the built command prints them', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    unmigrated = serverUrl() ? await newServerDatabase() : '';
    sleeper = spawn('sleep', ['600'], { stdio: 'ignore' });
  });
  afterAll(() => {
    sleeper.kill();
  });

  it.each(CASES)('$name: one line that says what to do, exit $code, nothing on stdout', async (c) => {
    if (c.name.includes('migration') && !unmigrated) return;
    const r = await runAs(c);
    expect(r.code).toBe(c.code);
    expect(r.stdout).toBe('');
    if (typeof c.stderr === 'string') expect(r.stderr).toBe(c.stderr);
    else expect(r.stderr).toMatch(c.stderr);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bselect\b|\binsert\b|clientUrl|URI malformed|PGlite|\n\s+at /i);
  });

  it.each(CASES.filter((c) => c.detail))('$name: --verbose adds the SQL and the stack after the same line', async (c) => {
    if (!unmigrated) return;
    const r = await runAs(c, ['--verbose']);
    expect(r.code).toBe(c.code);
    expect(r.stderr.split('\n')[0]).toBe((c.stderr as string).trim());
    expect(r.stderr).toMatch(c.detail!);
  });

  it('edit with no change writes nothing: the version stays 1', async () => {
    const env = cleanEnv({ MOVIES_TUI_DATA_DIR: newDataDir() });
    await run(['migrate', 'up'], env);
    const added = JSON.parse((await run(['add', '--title', 'Heat', '--year', '1995', '--director', 'Michael Mann', '--json'], env)).stdout) as { id: number };
    expect((await run(['edit', String(added.id)], env)).code).toBe(2);
    expect(JSON.parse((await run(['show', String(added.id), '--json'], env)).stdout)).toMatchObject({ title: 'Heat', version: 1 });
  });

  it.skipIf(!serverUrl())("the app's status line gets the same words for a query on a missing table", async () => {
    const db = await Database.open({ kind: 'server', url: await newServerDatabase(), source: 'flag' });
    try {
      const err = await db.movies.list({ search: 'heat', sort: 'title', direction: 'asc', limit: 10 }).catch((e: unknown) => e);
      expect(String((err as Error).message)).toMatch(/select .* ilike/); // what the status line showed before
      expect(errorLine(err)).toBe(MOVIE_TABLE_MISSING);
    } finally {
      await db.close();
    }
  });
});
