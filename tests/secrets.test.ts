import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readLock, lockPath } from '../src/db/lock.js';
import { CLI, cleanEnv, run } from './support/cli.js';
import { describeEachDatabase, newDataDir, newServerDatabase, serverUrl } from './support/databases.js';
import { databaseName, type Target } from '../src/db/target.js';
import { spawnPty, type PtyApp } from './support/pty.js';

// A password that needs percent-encoding (@ and /), so both of its spellings are looked for.
const PASSWORD = 'Qv8@never-SHOWN/x7';
const ENCODED = encodeURIComponent(PASSWORD);
const ROLE = `movies_tui_secret_${process.pid}`;

/** Fails naming where the password showed up, in either spelling. */
function expectNoPassword(text: string, where: string) {
  for (const form of [PASSWORD, ENCODED, 'never-SHOWN']) expect(text.includes(form), `${where} shows the password:\n${text}`).toBe(false);
}

/** Every file under `dir`, with its text. */
function filesUnder(dir: string): Array<[string, string]> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .map((path) => [path, readFileSync(path, 'latin1')]);
}

const mode = (path: string) => statSync(path).mode & 0o777;

const scratch: string[] = [];
/** A temporary directory, removed when the file's tests end. */
function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'movies-tui-secrets-'));
  scratch.push(dir);
  return dir;
}
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Runs the built CLI in a pseudo-terminal with this umask (`exec` keeps the PID the app's). */
function spawnApp(args: string[], env: NodeJS.ProcessEnv, umask = '022'): PtyApp {
  return spawnPty('/bin/sh', ['-c', `umask ${umask}; exec "$0" "$@"`, process.execPath, CLI, ...args], { env, cols: 120, rows: 30 });
}

let app: PtyApp | undefined;
afterEach(async () => {
  app?.kill('SIGKILL');
  app = undefined;
});

async function quit(target: PtyApp) {
  await target.press('q');
  await target.exited;
}

describe.skipIf(!serverUrl())('a password in the database URL (server)', { timeout: 180_000 }, () => {
  let url = '';

  /** Runs statements as the test server's administrator. */
  async function asAdmin(...statements: string[]) {
    const client = new pg.Client({ connectionString: serverUrl() });
    await client.connect();
    try {
      for (const sql of statements) await client.query(sql);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    const u = new URL(await newServerDatabase());
    await asAdmin(
      // The test server trusts local connections: the password is not checked, but it is in the URL.
      `create role "${ROLE}" login password '${PASSWORD}'`,
      // Since PostgreSQL 15 only the database's owner may create tables in its public schema.
      `alter database "${u.pathname.slice(1)}" owner to "${ROLE}"`,
    );
    u.username = ROLE;
    u.password = ENCODED;
    url = u.toString();
  });

  afterAll(async () => {
    // The role owns the tables it made: its database goes first.
    const db = url ? new URL(url).pathname.slice(1) : '';
    await asAdmin(...(db ? [`drop database if exists "${db}" with (force)`] : []), `drop role if exists "${ROLE}"`);
  });

  /** The URL on another host, port or database, keeping the password. */
  const variant = (change: (u: URL) => void) => {
    const u = new URL(url);
    change(u);
    return u.toString();
  };

  it('never appears in the output of any command, failing ones included, nor in the files they write', async () => {
    const work = scratchDir();
    const env = cleanEnv();
    const bad = join(work, 'bad.csv');
    writeFileSync(bad, 'title,year,directors\nHeat,nineteen,Michael Mann\n');
    // Each command with the exit code it should have: the duplicate and the bad rows fail.
    const commands: Array<[string[], number]> = [
      [['migrate', 'up'], 0],
      [['migrate', 'status'], 0],
      [['seed'], 0],
      [['list'], 0],
      [['list', '--json'], 0],
      [['add', '--title', 'Heat', '--year', '1995', '--director', 'Michael Mann'], 0],
      [['add', '--title', 'Heat', '--year', '1995', '--director', 'Michael Mann'], 1],
      [['db', 'info'], 0],
      [['db', 'info', '--json'], 0],
      [['db', 'create'], 0],
      [['export', join(work, 'all.csv')], 0],
      [['export', join(work, 'all.json')], 0],
      [['import', bad, '--errors', join(work, 'rejected.csv')], 1],
      [['--verbose', 'db', 'info'], 0],
    ];
    const failing = [
      variant((u) => (u.pathname = '/no_such_database_here')),
      variant((u) => (u.port = '1')), // refused
      variant((u) => (u.hostname = 'no-such-host.invalid')),
      variant((u) => (u.protocol = 'mysql:')),
      url.replace('@', '@ bad'), // not a URL at all
    ];
    type Run = [what: string, args: string[], env: NodeJS.ProcessEnv, code: number];
    const runs: Run[] = [
      ...commands.map(([args, code]): Run => [`--database-url … ${args.join(' ')}`, ['--database-url', url, ...args], env, code]),
      ...commands.slice(0, 4).map(([args, code]): Run => [`DATABASE_URL=… ${args.join(' ')}`, args, { ...env, DATABASE_URL: url }, code]),
      ...failing.flatMap((u): Run[] => [
        [`--database-url ${u} list`, ['--database-url', u, 'list'], env, 1],
        [`DATABASE_URL=${u} --verbose db info`, ['--verbose', 'db', 'info'], { ...env, DATABASE_URL: u }, 1],
      ]),
      // Usage errors quote the argument they refuse.
      ['the URL as a command', [url], env, 2],
      ['the URL as a number', ['list', '--limit', url], env, 2],
    ];
    for (const [what, args, runEnv, code] of runs) {
      const r = await run(args, runEnv);
      expect(r.code, `${what}\n${r.stderr}`).toBe(code);
      expectNoPassword(r.stdout + r.stderr, what);
      // Only a password on the command line earns the warning.
      expect(r.stderr.includes('warning: a password on the command line'), what).toBe(args.some((a) => a.includes(ENCODED)));
      // The failing URLs fail with a line a user can act on.
      if (failing.some((u) => args.includes(u) || runEnv.DATABASE_URL === u)) {
        expect(r.stderr, what).toMatch(/^(movies-tui|UserError): (database|cannot connect|invalid database URL)/m);
      }
    }
    // The export and the rejected rows are there, and neither they nor anything in HOME holds the password.
    const written = [...filesUnder(work), ...filesUnder(env.HOME!)];
    expect(written.map(([p]) => p)).toEqual(expect.arrayContaining([join(work, 'all.csv'), join(work, 'all.json'), join(work, 'rejected.csv')]));
    for (const [path, text] of written) expectNoPassword(text, path);
  });

  it('is hidden from ps while the app runs (--database-url), and from every screen', async () => {
    app = spawnApp(['--database-url', url], cleanEnv());
    await app.waitFor('sorted by title');
    const cmdline = readFileSync(`/proc/${app.pid}/cmdline`, 'utf8');
    expectNoPassword(cmdline, '/proc/PID/cmdline');
    expect(cmdline).toContain(':****@');
    for (const [key, shows] of [['2', /Migrations \d+\/\d+ applied/], ['3', 'seed the missing movies'], ['4', 'Server version'], ['5', 'Model'], ['1', 'sorted by title']] as const) {
      await app.press(key);
      await app.waitFor(shows);
      expectNoPassword(app.screen(), `screen ${key}`);
    }
    await quit(app);
    expectNoPassword(app.output(), 'everything the app wrote');
  });

  it('is hidden when the app cannot connect', async () => {
    app = spawnApp([], cleanEnv({ DATABASE_URL: variant((u) => (u.pathname = '/no_such_database_here')) }));
    await app.waitFor('Could not open the database');
    expect(app.screen()).toContain('database "no_such_database_here" does not exist');
    await quit(app);
    expectNoPassword(app.output(), 'the app that could not connect');
  });

  it('reaches psql in its environment only, never its arguments', async () => {
    // psql reads the script from stdin; `\!` runs a shell whose parent ($PPID) is psql.
    const script = 'select current_user;\n\\! tr "\\0" " " < /proc/$PPID/cmdline\n';
    const r = await run(['psql'], cleanEnv({ DATABASE_URL: url }), script);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(ROLE);
    expect(r.stdout).toMatch(/psql/);
    expectNoPassword(r.stdout + r.stderr, 'psql');
  });
});

describe('the embedded database is private', { timeout: 180_000 }, () => {
  it('data dir 0700, lock file 0600 and the socket 0600 in a 0700 directory, even with umask 000', async () => {
    const dataDir = join(scratchDir(), 'db');
    app = spawnApp(['--data-dir', dataDir], cleanEnv(), '000');
    await app.waitFor('sorted by title', 90_000); // created now: initdb takes seconds
    const socketDir = readLock(lockPath(dataDir))!.socketDir!;
    expect(mode(dataDir).toString(8)).toBe('700');
    expect(mode(join(dataDir, 'pgdata')).toString(8)).toBe('700');
    expect(mode(lockPath(dataDir)).toString(8)).toBe('600');
    expect(mode(socketDir).toString(8)).toBe('700');
    expect(mode(join(socketDir, '.s.PGSQL.5432')).toString(8)).toBe('600');
    await quit(app);
  });

  it('an existing data dir others could read is made private', async () => {
    const dataDir = newDataDir();
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'pgdata'), 0o777);
    const r = await run(['--data-dir', dataDir, 'migrate', 'status'], cleanEnv());
    expect(r.code).toBe(0);
    expect(mode(dataDir).toString(8)).toBe('700');
    expect(mode(join(dataDir, 'pgdata')).toString(8)).toBe('700');
  });
});

describeEachDatabase('db reset on a terminal', (handle) => {
  const where = (t: Target) => (t.kind === 'embedded' ? ['--data-dir', t.dataDir] : ['--database-url', t.url]);
  const count = async () => {
    const db = await handle.open();
    try {
      return (await db.movies.count()).count;
    } finally {
      await db.close();
    }
  };

  it('asks for the database name: Enter alone or a wrong name resets nothing, the name resets', { timeout: 180_000 }, async () => {
    const env = cleanEnv();
    for (const args of [['migrate', 'up'], ['seed']]) expect((await run([...where(handle.target), ...args], env)).code).toBe(0);
    const name = databaseName(handle.target);
    for (const answer of ['', name.slice(0, -1)]) {
      app = spawnApp([...where(handle.target), 'db', 'reset'], env);
      await app.waitFor(`Type the database name (${name}) to confirm:`);
      await app.type(answer);
      await app.press('enter');
      expect((await app.exited).exitCode).toBe(1);
      expect(app.screen()).toContain('not reset: the database name was not typed');
      expect(await count()).toBe(7);
    }
    app = spawnApp([...where(handle.target), 'db', 'reset'], env);
    await app.waitFor('to confirm:');
    await app.type(name);
    await app.press('enter');
    await app.waitFor('reset: dropped the tables');
    expect((await app.exited).exitCode).toBe(0);
    expect(await count()).toBe(0);
  });
});
