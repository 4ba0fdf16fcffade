// `migrate create` as a process: the built command, run from a copy of the source checkout in a
// temporary folder (its own migrations/ folder, the repository's node_modules), so the files it
// writes never touch the repository's migrations.
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutCopy, cleanEnv, run as runCli } from './support/cli.js';
import { newServerDatabase } from './support/databases.js';

const repo = resolve(import.meta.dirname, '..');
const checkout = checkoutCopy();
const migrationsDir = join(checkout, 'migrations');
const cli = join(checkout, 'dist/bundle/cli.js');

const run = (args: string[], env: NodeJS.ProcessEnv) => runCli(args, env, '', { cli });

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const created = () => readdirSync(migrationsDir).filter((f) => /^Migration\d{14}_/.test(f) && !readdirSync(join(repo, 'migrations')).includes(f));

afterAll(() => rmSync(checkout, { recursive: true, force: true }));

describe('migrate create, as a process', { timeout: 120_000 }, () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    const url = await newServerDatabase();
    env = cleanEnv({ DATABASE_URL: url });
    expect((await run(['migrate', 'up'], env)).code).toBe(0);
  });

  it('says when the database already matches the model, and writes nothing', async () => {
    const r = await run(['migrate', 'create', '-m', 'Nothing to do'], env);
    expect(r.stdout).toBe('the database already matches the model: no migration created\n');
    expect(r.code).toBe(0);
    expect(created()).toEqual([]);
  });

  it('refuses a message with nothing to name the file by (exit 2, one line), and a bad name', async () => {
    for (const args of [['-m', '!!! ???'], ['-m', ''], ['Bad Name'], [], ['add_x', '-m', 'Add x']]) {
      const r = await run(['migrate', 'create', ...args], env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^movies-tui: /);
    }
    expect(created()).toEqual([]);
  });

  it('-m names the file from the message and writes it as the comment at its top; a name still works', async () => {
    // The model has movie.mpa; a database without it is what the new migration must fix.
    await sql(env.DATABASE_URL!, 'alter table movie drop column mpa');
    const r = await run(['migrate', 'create', '-m', 'Add mpa column\nto the Movie model */ again.'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [file] = created();
    expect(file).toMatch(/^Migration\d{14}_add_mpa_column_to_the_movie_model_again\.ts$/);
    expect(r.stdout).toContain(`created ${join(migrationsDir, file!)}\nup:\n  alter table "movie" add column "mpa"`);
    expect(r.stdout).toContain('down:\n  alter table "movie" drop column "mpa";');
    const text = readFileSync(join(migrationsDir, file!), 'utf8');
    expect(text.split('\n')[0]).toBe('// Add mpa column to the Movie model */ again.');
    expect(text).toContain("import { Migration } from '@mikro-orm/migrations';");
    expect(readFileSync(join(migrationsDir, 'index.ts'), 'utf8')).toContain(`import { ${file!.replace(/\.ts$/, '')} } from`);
    rmSync(join(migrationsDir, file!));

    // The positional snake_case name, as before.
    const named = await run(['migrate', 'create', 'add_mpa_again'], env);
    expect(named.code).toBe(0);
    const [second] = created();
    expect(second).toMatch(/^Migration\d{14}_add_mpa_again\.ts$/);
    expect(readFileSync(join(migrationsDir, second!), 'utf8').split('\n')[0]).toBe('// add_mpa_again');
  });
});
