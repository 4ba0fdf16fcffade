import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Database } from '../db/database.js';
import type { Movie } from '../db/movie.js';
import type { SortDirection, SortField } from '../db/reader.js';
import type { MovieInput } from '../db/validation.js';
import { json, out, withDb, withReads } from './context.js';
import { movieDetails, movieHeader, movieJson, movieLine } from './format.js';
import { applyCourseSets, applyExtraSets, collectSet, setsColumn, type SetValue } from './setColumns.js';
import { inert } from '../text/inert.js';
import { UsageError, ValidationError } from '../db/errors.js';

export function positiveInt(what: string) {
  return (value: string) => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 2147483647) {
      throw new InvalidArgumentError(`${what} must be a positive whole number`);
    }
    return Number(value);
  };
}

function sortOption(value: string): { sort: SortField; direction: SortDirection } {
  const m = /^(-)?([A-Za-z_]\w*)(?::(asc|desc))?$/.exec(value);
  if (!m) throw new InvalidArgumentError('use a column such as title, year, id or one the model adds; prefix with - or add :desc for descending (e.g. -year)');
  return { sort: m[2] as SortField, direction: m[1] || m[3] === 'desc' ? 'desc' : 'asc' };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The flags shared by add and edit. */
function movieFlags(cmd: Command, required: boolean): Command {
  const title = new Option('--title <title>', 'title, up to 80 characters');
  const year = new Option('--year <year>', 'release year');
  const director = new Option('--director <name>', 'a director; repeat for several').argParser(collect);
  if (required) [title, year, director].forEach((o) => (o.description += ' (required, or give it with --set)'));
  return cmd
    .addOption(title)
    .addOption(year)
    .addOption(director)
    .option('--mpa <rating>', 'MPA rating: G, PG, PG-13, R or NC-17')
    .option('--no-mpa', 'no MPA rating')
    .option('--theatre', 'released in theatres (the default for new movies)')
    .option('--no-theatre', 'not released in theatres')
    .option('--set <column=value>', 'any column of the model by name, e.g. --set runtime=142 (repeatable; the course\'s too: --set directors="A; B"; an empty value clears it)', collectSet)
    .option('--json', 'print the saved movie as JSON');
}

interface MovieFlags {
  title?: string;
  year?: string;
  director?: string[];
  mpa?: string | false;
  theatre?: boolean;
  set?: SetValue[];
  json?: boolean;
}

/** The flags and the course's --set values; the model's other columns are added once the database is open (withExtras). */
function movieInput(flags: MovieFlags): MovieInput {
  const input = {
    title: flags.title,
    year: flags.year,
    directors: flags.director,
    theatre: flags.theatre,
    mpa: flags.mpa === false ? null : flags.mpa,
  };
  return applyCourseSets(input, flags.set ?? []);
}

async function withExtras(db: Database, input: MovieInput, flags: MovieFlags): Promise<MovieInput> {
  const sets = flags.set ?? [];
  return sets.length === 0 ? input : applyExtraSets(input, sets, await db.movies.modelColumns());
}

function printMovie(movie: Movie, asJson: boolean | undefined, verb: string): void {
  if (asJson) json(movieJson(movie));
  else out(`${verb} movie ${movie.id}: ${inert(movie.title)} (${movie.year})`);
}

interface IfVersion {
  ifVersion?: number;
}

/**
 * Optimistic locking for scripts: read a movie (show --json gives its version), then write only
 * if nobody saved it since. Without the flag the write is still checked against the version
 * this command itself read.
 */
function ifVersion(cmd: Command): Command {
  return cmd.option('--if-version <n>', 'only if the movie is still at this version (see show --json); else exit 1', positiveInt('--if-version'));
}

/** seed, list, show, add, edit, delete */
export function addMovieCommands(program: Command): void {
  program
    .command('seed')
    .description("insert the seed movies (a project's seeds/movies.ts, else the course's); movies already stored are skipped")
    .option('--json', 'print the counts as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const result = await withDb(cmd, (db) => db.seeds.run());
      const rejected = result.rejected ?? [];
      // A movie that breaks the rules was left out (the others went in): exit 1, as for rejected import rows.
      if (rejected.length) process.exitCode = 1;
      if (opts.json) return json(result);
      rejected.forEach((line) => process.stderr.write(`movies-tui: ${inert(line)}\n`));
      out(`inserted ${result.inserted}, skipped ${result.skipped}${rejected.length ? `, rejected ${rejected.length}` : ''}${result.source ? ` (from ${result.source})` : ''}`);
    });

  program
    .command('list')
    .description('print movies, sorted and optionally filtered')
    .option('--search <text>', 'only movies whose title or a director contains this (any case)')
    .addOption(new Option('--sort <column>', 'title, year, id or any column of the model (empty values last); -column or column:desc for descending').argParser(sortOption).default({ sort: 'title', direction: 'asc' }, 'title'))
    .option('--limit <n>', 'at most this many', positiveInt('--limit'))
    .option('--json', 'print a JSON array of movies')
    .action(async (opts: { search?: string; sort: { sort: SortField; direction: SortDirection }; limit?: number; json?: boolean }, cmd: Command) => {
      await withReads(cmd, async (db) => {
        let remaining = opts.limit ?? Number.POSITIVE_INFINITY;
        let after: Movie | undefined;
        let first = true;
        let started = false;
        // Stream page by page (keyset), so a million rows never sit in memory.
        while (remaining > 0) {
          const page = await db.movies
            .list({ search: opts.search, ...opts.sort, after: after && db.movies.cursorOf(after, opts.sort.sort), limit: Math.min(500, remaining) })
            .catch((err: unknown) => {
              // A column the table does not have is a wrong command line (exit 2).
              if (err instanceof ValidationError && err.issues[0]?.field === 'sort') throw new UsageError(`--sort: ${err.issues[0].message}`);
              throw err;
            });
          // Only once the first page was read: an error (no movie table yet) prints nothing on stdout.
          if (!started) {
            if (opts.json) process.stdout.write('[');
            else out(movieHeader(page.movies[0]));
            started = true;
          }
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
        else if (first) process.stderr.write(opts.search ? `no movies match "${inert(opts.search)}"\n` : 'no movies yet: add one with movies-tui add, or run movies-tui seed\n');
      });
    });

  movieFlags(program.command('add').description('add a movie: --title, --year and --director (or --set title=…, year=…, directors=…), and any other column with --set'), true).action(async (flags: MovieFlags, cmd: Command) => {
    const input = movieInput(flags);
    const missing = (['title', 'year', 'directors'] as const).filter((f) => input[f] === undefined && !setsColumn(flags.set ?? [], f));
    if (missing.length > 0) throw new UsageError(`add needs ${missing.map((f) => (f === 'directors' ? '--director' : `--${f}`)).join(', ')} (or --set ${missing.join('=…, ')}=…)`);
    const movie = await withDb(cmd, async (db) => db.movies.create(await withExtras(db, input, flags)));
    printMovie(movie, flags.json, 'added');
  });

  const edit = program.command('edit').argument('<id>', 'the movie id', positiveInt('id')).description('change fields of a movie; others stay as they are');
  movieFlags(ifVersion(edit), false).action(
    async (id: number, flags: MovieFlags & IfVersion, cmd: Command) => {
      const input = movieInput(flags);
      if (Object.values(input).every((v) => v === undefined) && !flags.set?.length) {
        throw new UsageError('edit needs at least one change: --title, --year, --director, --mpa or --no-mpa, --theatre or --no-theatre, --set column=value');
      }
      const movie = await withDb(cmd, async (db) => db.movies.update(id, await withExtras(db, input, flags), flags.ifVersion));
      printMovie(movie, flags.json, 'updated');
    },
  );

  program
    .command('show')
    .argument('<id>', 'the movie id', positiveInt('id'))
    .description('print one movie')
    .option('--json', 'print as JSON')
    .action(async (id: number, opts: { json?: boolean }, cmd: Command) => {
      const movie = await withReads(cmd, (db) => db.movies.get(id));
      if (opts.json) json(movieJson(movie));
      else out(movieDetails(movie));
    });

  ifVersion(program.command('delete').argument('<id>', 'the movie id', positiveInt('id')).description('delete a movie'))
    .option('--json', 'print the deleted movie as JSON')
    .action(async (id: number, opts: { json?: boolean } & IfVersion, cmd: Command) => {
      const movie = await withDb(cmd, (db) => db.movies.delete(id, opts.ifVersion));
      printMovie(movie, opts.json, 'deleted');
    });
}
