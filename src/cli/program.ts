import { Command } from 'commander';
import { scrubSecrets } from '../db/secrets.js';
import { openApp } from './app.js';
import { addDbCommands } from './db.js';
import { addInitCommand } from './init.js';
import { addMigrateCommands } from './migrate.js';
import { addMovieCommands } from './movies.js';
import { addTransferCommands } from './transfer.js';

export type { GlobalOptions } from './context.js';

export function buildProgram(version: string): Command {
  const program = new Command('movies-tui')
    .description('A keyboard-driven terminal app for a PostgreSQL table of movies, with migrations and seeds built in.\nRun it with no command to open the app.')
    .version(version, '-V, --version')
    .option('--database-url <url>', 'PostgreSQL server to use (default: $DATABASE_URL, else the embedded database)')
    .option('--data-dir <dir>', 'where the embedded database lives (default: $MOVIES_TUI_DATA_DIR, else the project\'s, else $XDG_DATA_HOME/movies-tui)')
    .option('--verbose', 'after an error, also show its details: the SQL and the stack trace')
    .configureOutput({
      // Usage errors are one line too: "movies-tui: unknown option '--x' (see --help)". They may
      // quote an argument, such as a URL given in the wrong place: its password is hidden.
      outputError: (message, write) => write(`movies-tui: ${scrubSecrets(message.trim().replace(/^error: /, ''))} (see --help)\n`),
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
With no command, movies-tui opens the full-screen app (in a terminal).

Where the data lives: --database-url, else DATABASE_URL, else an embedded PostgreSQL
in $XDG_DATA_HOME/movies-tui (~/.local/share/movies-tui). An empty DATABASE_URL is refused.
Inside a project (movies-tui init; found from the current folder upwards) its model and
migrations are used, and its embedded database is .movies-tui/data in the project folder.
SSL follows the URL's sslmode (disable, allow, prefer (the default), require, verify-ca,
verify-full) and sslrootcert, as psql does.

Exit codes:
  0  done
  1  the command failed (the database, a file, rejected rows); what failed is left unchanged
  2  usage error: the command line is wrong (unknown command or option, a missing or invalid
     argument, an unknown file format, edit without a change); nothing ran

Examples:
  movies-tui migrate up && movies-tui seed
  movies-tui list --search nolan --sort -year
  movies-tui import movies.csv --errors rejected.csv && movies-tui export all.json
  movies-tui add --title "Heat" --year 1995 --director "Michael Mann" --mpa R
  movies-tui edit 1 --set runtime=170 --set released=1995-12-15   (columns your model adds)
  DATABASE_URL=postgresql://postgres:secret@localhost:5433/movies movies-tui db info`,
  );
  addInitCommand(program);
  addMigrateCommands(program);
  addMovieCommands(program);
  addTransferCommands(program);
  addDbCommands(program);
  return program;
}
