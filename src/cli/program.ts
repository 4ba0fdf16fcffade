import { Command, InvalidArgumentError, Option } from 'commander';
import type { Database, OpenOptions } from '../db/database.js';
import { UserError } from '../db/errors.js';
import type { Movie, SortDirection, SortField } from '../db/movies.js';
import { describeTargetWithKind, resolveTarget, type Target } from '../db/target.js';
import type { MovieInput } from '../db/validation.js';
import { MOVIE_HEADER, infoLines, movieDetails, movieJson, movieLine, planLines, statusLines } from './format.js';
import { track } from './lifecycle.js';
import { runPsql } from './psql.js';

export interface GlobalOptions {
  databaseUrl?: string;
  dataDir?: string;
  verbose?: boolean;
}

const out = (line = ""): void => void process.stdout.write(`${line}\n`);
const json = (value: unknown): void => out(JSON.stringify(value, null, 2));

function targetOf(cmd: Command): Target {
  return resolveTarget(cmd.optsWithGlobals<GlobalOptions>());
}

/** Opens the database for one command and always closes it, also on Ctrl+C. */
async function withDb<T>(cmd: Command, fn: (db: Database) => Promise<T>, options: OpenOptions = {}): Promise<T> {
  const { Database } = await import('../db/database.js');
  const db = await Database.open(targetOf(cmd), {
    onCreated: (dir, applied) => process.stderr.write(`movies-tui: created the embedded database in ${dir} and applied ${applied.length} migrations\n`),
    ...options,
  });
  const untrack = track(db);
  try {
    return await fn(db);
  } finally {
    untrack();
    await db.close();
  }
}

/** The full-screen app; the ORM is loaded only once its first frame is on screen. */
async function openApp(cmd: Command): Promise<void> {
  const target = targetOf(cmd);
  const { runApp } = await import('../ui/run.js');
  const code = await runApp({
    label: describeTargetWithKind(target),
    verbose: cmd.optsWithGlobals<GlobalOptions>().verbose,
    open: async () => {
      const { Database } = await import('../db/database.js');
      const db = await Database.open(target);
      track(db);
      return db;
    },
  });
  // The database is closed and the terminal restored: end now. (After a terminal resize,
  // something in Ink's stack can keep a timer alive, and the shell would wait for nothing.)
  process.exit(code);
}

function positiveInt(what: string) {
  return (value: string) => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 2147483647) {
      throw new InvalidArgumentError(`${what} must be a positive whole number`);
    }
    return Number(value);
  };
}

function sortOption(value: string): { sort: SortField; direction: SortDirection } {
  const m = /^(-)?(title|year|id)(?::(asc|desc))?$/.exec(value);
  if (!m) throw new InvalidArgumentError('use title, year or id; prefix with - or add :desc for descending (e.g. -year)');
  return { sort: m[2] as SortField, direction: m[1] || m[3] === 'desc' ? 'desc' : 'asc' };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The flags shared by add and edit. */
function movieFlags(cmd: Command, required: boolean): Command {
  const title = new Option('--title <title>', 'title, up to 80 characters');
  const year = new Option('--year <year>', 'release year');
  const director = new Option('--director <name>', 'a director; repeat for several').argParser(collect);
  if (required) [title, year, director].forEach((o) => o.makeOptionMandatory());
  return cmd
    .addOption(title)
    .addOption(year)
    .addOption(director)
    .option('--mpa <rating>', 'MPA rating: G, PG, PG-13, R or NC-17')
    .option('--no-mpa', 'no MPA rating')
    .option('--theatre', 'released in theatres (the default for new movies)')
    .option('--no-theatre', 'not released in theatres')
    .option('--json', 'print the saved movie as JSON');
}

interface MovieFlags {
  title?: string;
  year?: string;
  director?: string[];
  mpa?: string | false;
  theatre?: boolean;
  json?: boolean;
}

function movieInput(flags: MovieFlags): MovieInput {
  return {
    title: flags.title,
    year: flags.year,
    directors: flags.director,
    theatre: flags.theatre,
    mpa: flags.mpa === false ? null : flags.mpa,
  };
}

function printMovie(movie: Movie, asJson: boolean | undefined, verb: string): void {
  if (asJson) json(movieJson(movie));
  else out(`${verb} movie ${movie.id}: ${movie.title} (${movie.year})`);
}

export function buildProgram(version: string): Command {
  const program = new Command('movies-tui')
    .description('A keyboard-driven terminal app for a PostgreSQL table of movies, with migrations and seeds built in.')
    .version(version, '-V, --version')
    .option('--database-url <url>', 'PostgreSQL server to use (default: $DATABASE_URL, else the embedded database)')
    .option('--data-dir <dir>', 'where the embedded database lives (default: $XDG_DATA_HOME/movies-tui)')
    .option('--verbose', 'show stack traces for errors')
    .configureOutput({
      // Usage errors are one line too: "movies-tui: unknown option '--x' (see --help)".
      outputError: (message, write) => write(`movies-tui: ${message.trim().replace(/^error: /, '')} (see --help)\n`),
    })
    .exitOverride()
    .argument('[command]')
    .usage('[options] [command]')
    .action((command: string | undefined, _opts: unknown, cmd: Command) => {
      if (command) cmd.error(`unknown command '${command}'`, { exitCode: 2, code: 'commander.unknownCommand' });
      return openApp(cmd);
    });
  program.addHelpText(
    'after',
    `
Where the data lives: --database-url, else DATABASE_URL, else an embedded PostgreSQL
in $XDG_DATA_HOME/movies-tui (~/.local/share/movies-tui). Exit codes: 0 ok, 1 failed, 2 usage.

Examples:
  movies-tui migrate up && movies-tui seed
  movies-tui list --search nolan --sort -year
  movies-tui add --title "Heat" --year 1995 --director "Michael Mann" --mpa R
  DATABASE_URL=postgresql://postgres:secret@localhost:5433/movies movies-tui db info`,
  );

  const migrate = program.command('migrate').description('show, preview, apply, roll back and create migrations');
  migrate
    .command('status')
    .description('applied (with time) and pending migrations, in order')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const states = await withDb(cmd, (db) => db.migrations.status());
      if (opts.json) return json(states.map((s) => ({ name: s.name, label: s.label, applied: s.applied, executedAt: s.executedAt?.toISOString() ?? null })));
      const applied = states.filter((s) => s.applied).length;
      out(`migrations ${applied}/${states.length} applied`);
      statusLines(states).forEach((l) => out(l));
    });
  migrate
    .command('up')
    .description('apply pending migrations (all, or up to and including --to), in one transaction')
    .option('--to <name>', 'stop after this migration (e.g. add_mpa_column)')
    .option('--json', 'print what was applied as JSON')
    .action(async (opts: { to?: string; json?: boolean }, cmd: Command) => {
      const applied = await withDb(cmd, (db) => db.migrations.up(opts.to));
      if (opts.json) return json({ applied });
      if (applied.length === 0) return out('nothing to apply: the database is up to date');
      applied.forEach((name) => out(`applied ${name}`));
    });
  migrate
    .command('down')
    .description('roll back the last migration, or --to a migration (it and every later one)')
    .option('--to <name>', 'roll back this migration and every one after it')
    .option('--json', 'print what was rolled back as JSON')
    .action(async (opts: { to?: string; json?: boolean }, cmd: Command) => {
      const reverted = await withDb(cmd, (db) => db.migrations.down(opts.to));
      if (opts.json) return json({ reverted });
      if (reverted.length === 0) return out('nothing to roll back');
      reverted.forEach((name) => out(`rolled back ${name}`));
    });
  migrate
    .command('sql')
    .argument('[name]', 'one migration (default: every pending one)')
    .description('print the SQL a migration runs: up for pending ones, down (its undo) for applied ones')
    .option('--down', 'with no name: the SQL that rolling back the last migration runs')
    .option('--json', 'print as JSON')
    .action(async (name: string | undefined, opts: { down?: boolean; json?: boolean }, cmd: Command) => {
      const plans = await withDb(
        cmd,
        async (db) => (name ? [await db.migrations.plan(name)] : opts.down ? db.migrations.planDown() : db.migrations.planUp()),
      );
      if (opts.json) return json(plans);
      if (plans.length === 0) return out(opts.down ? '-- nothing to roll back' : '-- nothing pending');
      planLines(plans).forEach((l) => out(l));
    });
  migrate
    .command('check')
    .description('compare the model with the database; exit 1 and print the SQL that would fix it if they differ')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const drift = await withDb(cmd, (db) => db.migrations.check());
      if (opts.json) json(drift);
      else if (drift.upToDate) out('the database matches the model');
      else {
        out('the database differs from the model; this SQL would fix it:');
        drift.statements.forEach((s) => out(`  ${s}`));
      }
      if (!drift.upToDate) process.exitCode = 1;
    });
  migrate
    .command('create')
    .argument('<name>', 'snake_case name, e.g. add_runtime_column')
    .description('write a new migration from the difference between the model and the database (source checkout only)')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      const created = await withDb(cmd, (db) => db.migrations.create(name));
      if (!created) return out('the database already matches the model: no migration created');
      out(`created ${created.file}`);
      created.statements.forEach((s) => out(`  ${s}`));
      out('run npm run build, then movies-tui migrate up');
    });

  program
    .command('seed')
    .description("insert the course's movies; movies already stored are skipped")
    .option('--json', 'print the counts as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const result = await withDb(cmd, (db) => db.seeds.run());
      if (opts.json) return json(result);
      out(`inserted ${result.inserted}, skipped ${result.skipped}`);
    });

  program
    .command('list')
    .description('print movies, sorted and optionally filtered')
    .option('--search <text>', 'only movies whose title or a director contains this (any case)')
    .addOption(new Option('--sort <field>', 'title, year or id; -field or field:desc for descending').argParser(sortOption).default({ sort: 'title', direction: 'asc' }, 'title'))
    .option('--limit <n>', 'at most this many', positiveInt('--limit'))
    .option('--json', 'print a JSON array of movies')
    .action(async (opts: { search?: string; sort: { sort: SortField; direction: SortDirection }; limit?: number; json?: boolean }, cmd: Command) => {
      await withDb(cmd, async (db) => {
        let remaining = opts.limit ?? Number.POSITIVE_INFINITY;
        let after: Movie | undefined;
        let first = true;
        if (opts.json) process.stdout.write('[');
        else out(MOVIE_HEADER);
        // Stream page by page (keyset), so a million rows never sit in memory.
        while (remaining > 0) {
          const page = await db.movies.list({
            search: opts.search,
            ...opts.sort,
            after: after && db.movies.cursorOf(after, opts.sort.sort),
            limit: Math.min(500, remaining),
          });
          for (const movie of page.movies) {
            if (opts.json) process.stdout.write(`${first ? '\n' : ',\n'}  ${JSON.stringify(movieJson(movie))}`);
            else out(movieLine(movie));
            first = false;
          }
          remaining -= page.movies.length;
          after = page.movies.at(-1);
          if (!page.more) break;
        }
        if (opts.json) out(first ? ']' : '\n]');
        else if (first) process.stderr.write(opts.search ? `no movies match "${opts.search}"\n` : 'no movies yet: add one with movies-tui add, or run movies-tui seed\n');
      });
    });

  movieFlags(program.command('add').description('add a movie'), true).action(async (flags: MovieFlags, cmd: Command) => {
    const movie = await withDb(cmd, (db) => db.movies.create(movieInput(flags)));
    printMovie(movie, flags.json, 'added');
  });

  movieFlags(program.command('edit').argument('<id>', 'the movie id', positiveInt('id')).description('change fields of a movie; others stay as they are'), false).action(
    async (id: number, flags: MovieFlags, cmd: Command) => {
      const movie = await withDb(cmd, (db) => db.movies.update(id, movieInput(flags)));
      printMovie(movie, flags.json, 'updated');
    },
  );

  program
    .command('show')
    .argument('<id>', 'the movie id', positiveInt('id'))
    .description('print one movie')
    .option('--json', 'print as JSON')
    .action(async (id: number, opts: { json?: boolean }, cmd: Command) => {
      const movie = await withDb(cmd, (db) => db.movies.get(id));
      if (opts.json) json(movieJson(movie));
      else out(movieDetails(movie));
    });

  program
    .command('delete')
    .argument('<id>', 'the movie id', positiveInt('id'))
    .description('delete a movie')
    .option('--json', 'print the deleted movie as JSON')
    .action(async (id: number, opts: { json?: boolean }, cmd: Command) => {
      const movie = await withDb(cmd, (db) => db.movies.delete(id));
      printMovie(movie, opts.json, 'deleted');
    });

  const db = program.command('db').description('information about the database; create or reset it');
  db.command('info')
    .description('kind, masked URL, server version, row count, and the live columns and indexes of movie')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const info = await withDb(cmd, (d) => d.info());
      if (opts.json) return json(info);
      infoLines(info).forEach((l) => out(l));
    });
  db.command('create')
    .description("create the server's database named in the URL")
    .action(async (_opts: unknown, cmd: Command) => {
      const target = targetOf(cmd);
      if (target.kind === 'embedded') return out(`the embedded database needs no creating: it is made on first use in ${target.dataDir}`);
      const { createDatabase } = await import('../db/database.js');
      const name = decodeURIComponent(new URL(target.url).pathname.slice(1));
      out((await createDatabase(target)) ? `created database "${name}"` : `database "${name}" already exists`);
    });
  db.command('reset')
    .description('drop the movie table and the migrations log, then apply every migration')
    .option('--yes', 'confirm: every movie is deleted')
    .action(async (opts: { yes?: boolean }, cmd: Command) => {
      if (!opts.yes) {
        process.stderr.write('movies-tui: db reset deletes every movie; run it again with --yes to confirm\n');
        process.exitCode = 2;
        return;
      }
      const applied = await withDb(cmd, (d) => d.reset());
      out(`reset: dropped the tables, applied ${applied.length} migrations`);
    });

  program
    .command('psql')
    .description('open psql on the current database (the embedded one too)')
    .action(async (_opts: unknown, cmd: Command) => {
      process.exitCode = await withDb(cmd, (d) => runPsql(d));
    });

  return program;
}

export { UserError };
