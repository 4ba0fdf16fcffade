import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { cleanEnv, run, start } from './support/cli.js';
import { newDataDir, newServerDatabase, serverUrl } from './support/databases.js';

const withPassword = (url: string, password: string) => {
  const u = new URL(url);
  u.password = password;
  return u.toString();
};

async function psqlColumns(url: string): Promise<string[][]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select column_name, data_type, is_nullable, column_default from information_schema.columns where table_name = 'movie' order by ordinal_position`,
    );
    return rows.map((r) => [r.column_name, r.data_type, r.is_nullable, r.column_default]);
  } finally {
    await client.end();
  }
}

// Each command starts a process that opens the database (the embedded one takes seconds on a
// busy machine), and these tests run a dozen or more in a row.
describe('the command line, as a process', { timeout: 240_000 }, () => {
  it('prints help and version, and exits 2 with one line for usage errors', async () => {
    const env = cleanEnv();
    const help = await run(['--help'], env);
    expect(help.code).toBe(0);
    for (const cmd of ['migrate', 'seed', 'list', 'add', 'edit', 'delete', 'db', 'psql']) expect(help.stdout).toContain(`  ${cmd}`);
    // Running with no command opens the app, and both failure codes are explained.
    expect(help.stdout).toContain('With no command, movies-tui opens the full-screen app');
    expect(help.stdout).toMatch(/\n  1  the command failed/);
    expect(help.stdout).toMatch(/\n  2  usage error: the command line is wrong/);
    expect((await run(['--version'], env)).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    for (const sub of [['migrate', 'up'], ['list'], ['add'], ['edit'], ['db', 'reset'], ['psql']]) {
      expect((await run([...sub, '--help'], env)).code).toBe(0);
    }
    for (const args of [['bogus'], ['list', '--limit', 'x'], ['list', '--sort', 'no such'], ['add', '--title', 'Heat'], ['delete', 'abc'], ['db', 'reset']]) {
      const r = await run(args, env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^movies-tui: /);
    }
  });

  it("from an empty HOME: migrate up, seed twice, list --json prints the course's seven movies", async () => {
    const env = cleanEnv();
    const up = await run(['migrate', 'up'], env);
    expect(up.code).toBe(0);
    expect(up.stderr).toBe(`movies-tui: created the embedded database in ${join(env.HOME!, '.local/share/movies-tui')} and applied 5 migrations\n`);
    expect((await run(['seed'], env)).stdout).toBe('inserted 7, skipped 0\n');
    expect((await run(['seed'], env)).stdout).toBe('inserted 0, skipped 7\n');
    const list = await run(['list', '--json'], env);
    expect(list.code).toBe(0);
    const movies = JSON.parse(list.stdout) as { title: string; directors: string[] }[];
    expect(movies).toHaveLength(7);
    expect(movies.find((m) => m.title === 'The Matrix')).toEqual({ id: expect.any(Number), title: 'The Matrix', year: 1999, directors: ['Lana Wachowski', 'Lilly Wachowski'], theatre: true, mpa: 'R', version: 1 });

    const nolan = await run(['list', '--search', 'nolan', '--sort', '-year'], env);
    expect(nolan.stdout.split('\n').slice(1, 4).map((l) => l.slice(8, 44).trim())).toEqual(['Interstellar', 'Inception', 'The Dark Knight']);
    const limited = JSON.parse((await run(['list', '--json', '--sort', 'year', '--limit', '2'], env)).stdout) as { title: string }[];
    expect(limited.map((m) => m.title)).toEqual(['Jaws', 'Pulp Fiction']);
  });

  it('invalid add input changes nothing and explains itself in one line', async () => {
    const env = cleanEnv({ MOVIES_TUI_DATA_DIR: newDataDir() });
    await run(['migrate', 'up'], env);
    const bad = await run(['add', '--title', 'Heat', '--year', '1700', '--director', 'Michael Mann', '--mpa', 'X'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^movies-tui: year: must be a whole number between 1878 and \d{4}; mpa: must be empty or one of G, PG, PG-13, R, NC-17\n$/);
    expect(bad.stdout).toBe('');
    expect(JSON.parse((await run(['list', '--json'], env)).stdout)).toEqual([]);

    const added = await run(['add', '--title', 'Heat', '--year', '1995', '--director', 'Michael Mann', '--mpa', 'R', '--no-theatre', '--json'], env);
    const heat = JSON.parse(added.stdout) as { id: number };
    expect(heat).toEqual({ id: heat.id, title: 'Heat', year: 1995, directors: ['Michael Mann'], theatre: false, mpa: 'R', version: 1 });
    const dup = await run(['add', '--title', 'HEAT', '--year', '1995', '--director', 'Someone'], env);
    expect(dup).toMatchObject({ code: 1, stderr: 'movies-tui: a movie titled "HEAT" (1995) already exists\n' });

    const edited = await run(['edit', String(heat.id), '--director', 'Michael Mann', '--director', 'Second Unit', '--theatre', '--no-mpa', '--json'], env);
    expect(JSON.parse(edited.stdout)).toMatchObject({ directors: ['Michael Mann', 'Second Unit'], theatre: true, mpa: null });
    expect((await run(['edit', String(heat.id), '--title', ''], env)).stderr).toBe('movies-tui: title: is required\n');
    expect((await run(['show', String(heat.id)], env)).stdout).toContain('title:     Heat');
    expect((await run(['delete', String(heat.id)], env)).stdout).toBe(`deleted movie ${heat.id}: Heat (1995)\n`);
    expect(await run(['delete', String(heat.id)], env)).toMatchObject({ code: 1, stderr: `movies-tui: no movie with id ${heat.id}\n` });
  });

  it('migrate status, sql, down, check and db info show the workflow, in text and JSON', async () => {
    const env = cleanEnv({ MOVIES_TUI_DATA_DIR: newDataDir() });
    await run(['migrate', 'up'], env);
    const status = JSON.parse((await run(['migrate', 'status', '--json'], env)).stdout) as { label: string; applied: boolean; executedAt: string }[];
    expect(status.map((s) => [s.label, s.applied])).toEqual([['initial', true], ['add_mpa_column', true], ['unique_title_year', true], ['list_indexes', true], ['versions_and_changes', true]]);
    expect(new Date(status[0]!.executedAt).getTime()).toBeGreaterThan(Date.now() - 600_000);

    expect((await run(['migrate', 'sql', 'add_mpa_column'], env)).stdout).toContain('alter table "movie" drop column "mpa";');
    const down = await run(['migrate', 'down', '--to', 'add_mpa_column'], env);
    expect(down.stdout).toBe(
      'rolled back Migration20251029000000_versions_and_changes\nrolled back Migration20251022000000_list_indexes\nrolled back Migration20251015000000_unique_title_year\nrolled back Migration20251008000000_add_mpa_column\n',
    );
    expect((await run(['migrate', 'status'], env)).stdout).toMatch(
      /^migrations 1\/5 applied\n {2}applied {2}initial .*\n {2}pending {2}add_mpa_column\n {2}pending {2}unique_title_year\n {2}pending {2}list_indexes\n {2}pending {2}versions_and_changes\n$/,
    );
    expect((await run(['migrate', 'sql'], env)).stdout).toContain('alter table "movie" add column "mpa" varchar(5) null;');

    const drift = await run(['migrate', 'check'], env);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain('alter table "movie" add column "mpa" varchar(5) null');
    const info = JSON.parse((await run(['db', 'info', '--json'], env)).stdout) as { kind: string; columns: { name: string }[] };
    expect(info.kind).toBe('embedded');
    expect(info.columns.map((c) => c.name)).toEqual(['id', 'title', 'year', 'directors', 'theatre']);

    expect((await run(['migrate', 'up', '--to', 'add_mpa_column'], env)).stdout).toBe('applied Migration20251008000000_add_mpa_column\n');
    expect((await run(['migrate', 'up'], env)).stdout).toBe('applied Migration20251015000000_unique_title_year\napplied Migration20251022000000_list_indexes\napplied Migration20251029000000_versions_and_changes\n');
    expect((await run(['migrate', 'up'], env)).stdout).toBe('nothing to apply: the database is up to date\n');
    expect(await run(['migrate', 'check'], env)).toMatchObject({ code: 0, stdout: 'the database matches the model\n' });
    expect((await run(['migrate', 'create', 'nothing'], env)).stdout).toBe('the database already matches the model: no migration created\n');
    expect((await run(['db', 'info'], env)).stdout).toMatch(/mpa +character varying\(5\) +null/);
  });
});

describe('import and export on the command line', { timeout: 240_000 }, () => {
  it('imports all or nothing, lists rejected rows on stderr, exits 1, and --skip-invalid loads the rest', async () => {
    const env = cleanEnv({ MOVIES_TUI_DATA_DIR: newDataDir() });
    const dir = mkdtempSync(join(tmpdir(), 'movies-tui-cli-import-'));
    const file = join(dir, 'movies.csv');
    writeFileSync(file, 'title,year,directors,theatre,mpa\nHeat,1995,Michael Mann,,R\n"Amélie",2001,Jean-Pierre Jeunet,,\nBad,3000,X,,\n');
    await run(['migrate', 'up'], env);
    const refused = await run(['import', file, '--errors', join(dir, 'rejected.csv')], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('nothing imported: rejected 1 of 3 rows (fix them, or use --skip-invalid to load the 2 valid ones)\n');
    expect(refused.stderr).toBe(`line 4: year: must be a whole number between 1878 and ${new Date().getFullYear() + 10}\nrejected rows written to ${join(dir, 'rejected.csv')}\n`);
    expect(JSON.parse((await run(['list', '--json'], env)).stdout)).toEqual([]);

    const dry = await run(['import', file, '--dry-run', '--skip-invalid'], env);
    expect(dry.stdout).toBe('dry run: 2 valid, rejected 1; nothing written\n');
    const loaded = await run(['import', file, '--skip-invalid', '--json'], env);
    expect(loaded.code).toBe(0);
    expect(JSON.parse(loaded.stdout)).toMatchObject({ rows: 3, valid: 2, imported: 2, duplicates: 0, rejected: 1, written: true });
    expect((await run(['import', file, '--skip-invalid'], env)).stdout).toBe('imported 0, skipped 2 duplicates, rejected 1\n');

    // Standard input needs --format; the output of export imports back.
    const exported = await run(['export', '--format', 'json'], env);
    expect(JSON.parse(exported.stdout)).toEqual([
      { title: 'Heat', year: 1995, directors: ['Michael Mann'], theatre: true, mpa: 'R' },
      { title: 'Amélie', year: 2001, directors: ['Jean-Pierre Jeunet'], theatre: true, mpa: null },
    ]);
    expect((await run(['import', '-', '--format', 'json'], env, exported.stdout)).stdout).toBe('imported 0, skipped 2 duplicates, rejected 0\n');
    expect((await run(['export', join(dir, 'out.csv')], env)).stderr).toBe(`exported 2 movies to ${join(dir, 'out.csv')}\n`);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('title,year,directors,theatre,mpa\nHeat,1995,Michael Mann,true,R\nAmélie,2001,Jean-Pierre Jeunet,true,\n');
  });

  it('bad arguments and unreadable files get one line each', async () => {
    const env = cleanEnv({ MOVIES_TUI_DATA_DIR: newDataDir() });
    expect(await run(['import', 'x.csv', '--format', 'xml'], env)).toMatchObject({ code: 2, stderr: "movies-tui: option '--format <format>' argument 'xml' is invalid. use csv or json (see --help)\n" });
    expect(await run(['import', '/nowhere/x.csv'], env)).toMatchObject({ code: 1, stderr: 'movies-tui: cannot read /nowhere/x.csv: no such file\n' });
    expect(await run(['import', '/etc/hostname'], env)).toMatchObject({ code: 2, stderr: 'movies-tui: cannot tell the format of /etc/hostname: name it .csv or .json, or pass --format csv|json\n' });
    expect(await run(['export', '/nowhere/x.csv'], env)).toMatchObject({ code: 1, stderr: 'movies-tui: cannot write /nowhere/x.csv: no such directory\n' });
  });
});

describe.skipIf(!serverUrl())('the command line on a PostgreSQL server', { timeout: 120_000 }, () => {
  it('runs the same workflow with DATABASE_URL, and psql \\d movie shows exactly the course columns', async () => {
    const url = withPassword(await newServerDatabase(), 'hunter2');
    const env = cleanEnv({ DATABASE_URL: url });
    const outputs: string[] = [];
    const go = async (args: string[], input?: string) => {
      const r = await run(args, env, input);
      outputs.push(r.stdout, r.stderr);
      return r;
    };
    expect((await go(['migrate', 'up'])).stdout.split('\n')).toHaveLength(6);
    expect((await go(['seed'])).stdout).toBe('inserted 7, skipped 0\n');
    expect((await go(['seed'])).stdout).toBe('inserted 0, skipped 7\n');
    expect(JSON.parse((await go(['list', '--json'])).stdout)).toHaveLength(7);
    expect(await psqlColumns(url)).toEqual([
      ['id', 'integer', 'NO', "nextval('movie_id_seq'::regclass)"],
      ['title', 'character varying', 'NO', null],
      ['year', 'integer', 'NO', null],
      ['directors', 'ARRAY', 'NO', null],
      ['theatre', 'boolean', 'NO', 'true'],
      ['mpa', 'character varying', 'YES', null],
      ['version', 'integer', 'NO', '1'],
    ]);
    const psql = await go(['psql'], '\\d movie\n');
    expect(psql.code).toBe(0);
    expect(psql.stdout).toMatch(/directors +\| text\[\] +\| +\| not null/);
    expect(psql.stdout).toMatch(/"movie_title_year_unique" UNIQUE, btree \(lower\(title::text\), year\)/);
    expect(psql.stdout).toContain('movie_bump_version BEFORE UPDATE ON movie FOR EACH ROW EXECUTE FUNCTION movie_bump_version()');
    expect(psql.stdout).toContain('movie_notify_change AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON movie FOR EACH STATEMENT EXECUTE FUNCTION movie_notify_change()');
    const info = await go(['db', 'info']);
    expect(info.stdout).toContain(`database:        ${url.replace('hunter2', '****')}`);
    expect(info.stdout).toMatch(/server version: +\d+/);
    expect(outputs.join('')).not.toContain('hunter2');
  });

  it('--database-url wins over DATABASE_URL', async () => {
    const url = await newServerDatabase();
    const env = cleanEnv({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere' });
    expect((await run(['--database-url', url, 'migrate', 'up'], env)).code).toBe(0);
    expect((await run(['migrate', 'up'], env)).stderr).toMatch(/^movies-tui: cannot connect to postgresql:\/\/postgres@127.0.0.1:1\/nowhere: connection refused/);
  });

  it('a database that does not exist is one line saying how to create it; db create does', async () => {
    const existing = new URL(await newServerDatabase());
    const name = `${existing.pathname.slice(1)}_new`;
    existing.pathname = `/${name}`;
    existing.password = 'hunter2';
    const env = cleanEnv({ DATABASE_URL: existing.toString() });
    const missing = await run(['list'], env);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toBe(`movies-tui: database "${name}" does not exist on ${existing.host}; create it with: movies-tui db create\n`);
    try {
      expect((await run(['db', 'create'], env)).stdout).toBe(`created database "${name}"\n`);
      expect((await run(['db', 'create'], env)).stdout).toBe(`database "${name}" already exists\n`);
      expect((await run(['migrate', 'up'], env)).code).toBe(0);
      const reset = await run(['db', 'reset', '--yes'], env);
      expect(reset.stdout).toBe('reset: dropped the tables, applied 5 migrations\n');
    } finally {
      const admin = new pg.Client({ connectionString: serverUrl() });
      await admin.connect();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });

  it('two processes running migrate up at once: one applies, the other waits and finds nothing pending', async () => {
    const env = cleanEnv({ DATABASE_URL: await newServerDatabase() });
    const [a, b] = await Promise.all([start(['migrate', 'up', '--json'], env).result, start(['migrate', 'up', '--json'], env).result]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const applied = [a, b].map((r) => (JSON.parse(r.stdout) as { applied: string[] }).applied.length).sort();
    expect(applied).toEqual([0, 5]);
  });
});
