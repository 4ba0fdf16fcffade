#!/usr/bin/env node
// First: hides a password given in the arguments from ps before anything else loads.
import './cli/hideArgs.js';
import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { installExitHandlers } from './cli/lifecycle.js';
import { buildProgram } from './cli/program.js';
import { describeError, UsageError } from './db/errors.js';
import { scrubSecrets } from './db/secrets.js';
import { inert } from './text/inert.js';

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
  if (err instanceof CommanderError) {
    // Commander already printed its one line (or the help); usage errors exit 2.
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else {
    // One line in the user's terms (the same the app's status line shows); the SQL, the
    // driver's own words and the stack only with --verbose, after it.
    const { message, expected } = describeError(err);
    fail(expected || verbose ? message : `${message} (run with --verbose for details)`, err instanceof UsageError ? 2 : 1);
    if (verbose) process.stderr.write(`${scrubSecrets(details(err), process.env.DATABASE_URL)}\n`);
  }
}

/** The stack of an error and of each error it wraps. */
function details(err: unknown): string {
  const parts: string[] = [];
  for (let e = err as { stack?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 6; e = e.cause as typeof e, depth++) {
    parts.push(String(e.stack ?? e));
  }
  return parts.join('\ncaused by: ');
}
