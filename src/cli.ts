#!/usr/bin/env node
// First: hides a password given in the arguments from ps before anything else loads.
import './cli/hideArgs.js';
import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { installExitHandlers } from './cli/lifecycle.js';
import { buildProgram } from './cli/program.js';
import { connectionProblem, UserError } from './db/errors.js';
import { scrubSecrets } from './db/secrets.js';
import { inert } from './ui/text.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
// `movies-tui list | head`: the reader went away; that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

installExitHandlers();

const verbose = process.argv.includes('--verbose');
const program = buildProgram(pkg.version);

function fail(message: string, code: number): void {
  // inert: a message may quote a title or a line of a file.
  process.stderr.write(`movies-tui: ${inert(scrubSecrets(message, process.env.DATABASE_URL))}\n`);
  process.exitCode = code;
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const lost = connectionProblem(err);
  if (err instanceof CommanderError) {
    // Commander already printed its one line (or the help); usage errors exit 2.
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else if (verbose) {
    process.stderr.write(`${scrubSecrets(String((err as Error).stack ?? err), process.env.DATABASE_URL)}\n`);
    process.exitCode = 1;
  } else if (err instanceof UserError) {
    fail(err.message, 1);
  } else if (lost) {
    // The server went away mid-command: say so in one line; a transaction in flight was rolled back.
    fail(`lost the connection to the database server (${lost})`, 1);
  } else {
    const message = String((err as Error).message ?? err).split('\n')[0] ?? 'unexpected error';
    fail(`${message} (run with --verbose for details)`, 1);
  }
}
