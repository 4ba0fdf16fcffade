import type { Command } from 'commander';
import { databaseName, describeTarget } from '../db/target.js';
import { confirmTyped } from './confirm.js';
import { infoLines } from './format.js';
import { json, out, targetOf, withDb } from './context.js';
import { runPsql } from './psql.js';

/** db info | create | reset, and psql */
export function addDbCommands(program: Command): void {
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
      const { createDatabase } = await import('../db/createDatabase.js');
      const name = databaseName(target);
      out((await createDatabase(target)) ? `created database "${name}"` : `database "${name}" already exists`);
    });
  db.command('reset')
    .description('drop the movie table and the migrations log, then apply every migration')
    .option('--yes', 'confirm without being asked: every movie is deleted')
    .action(async (opts: { yes?: boolean }, cmd: Command) => {
      if (!opts.yes && !(process.stdin.isTTY && process.stderr.isTTY)) {
        process.stderr.write('movies-tui: db reset deletes every movie; run it again with --yes to confirm\n');
        process.exitCode = 2;
        return;
      }
      if (!opts.yes) {
        const target = targetOf(cmd);
        const name = databaseName(target);
        const question = `db reset deletes every movie in ${describeTarget(target)}.\nType the database name (${name}) to confirm: `;
        if (!(await confirmTyped(question, name))) {
          process.stderr.write('movies-tui: not reset: the database name was not typed\n');
          process.exitCode = 1;
          return;
        }
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
}
