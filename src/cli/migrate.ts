import type { Command } from 'commander';
import { planLines, statusLines } from './format.js';
import { confirmLoss } from './confirm.js';
import { UsageError } from '../db/errors.js';
import { slugOf } from '../db/migrationName.js';
import { emptyLines, riskLines } from '../db/risks.js';
import { inert } from '../text/inert.js';
import { json, out, withDb } from './context.js';

const CONFIRM_HELP = 'the database name: run even though it loses data (the steps are listed first)';

/** migrate status | up | down | sql | check | create */
export function addMigrateCommands(program: Command): void {
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
    .option('--confirm <database>', CONFIRM_HELP)
    .option('--json', 'print what was applied as JSON')
    .action(async (opts: { to?: string; confirm?: string; json?: boolean }, cmd: Command) => {
      const applied = await withDb(cmd, async (db) => {
        await confirmLoss(await db.migrations.planUp(opts.to), db.name, opts.confirm, 'migrate up');
        return db.migrations.up(opts.to);
      });
      if (opts.json) return json({ applied });
      if (applied.length === 0) return out('nothing to apply: the database is up to date');
      applied.forEach((name) => out(`applied ${name}`));
    });
  migrate
    .command('down')
    .description('roll back the last migration, or --to a migration (it and every later one)')
    .option('--to <name>', 'roll back this migration and every one after it')
    .option('--confirm <database>', CONFIRM_HELP)
    .option('--json', 'print what was rolled back as JSON')
    .action(async (opts: { to?: string; confirm?: string; json?: boolean }, cmd: Command) => {
      const reverted = await withDb(cmd, async (db) => {
        const plans = await db.migrations.planDown(opts.to);
        // Said before anything runs: a column the migration dropped comes back, but not its values.
        emptyLines(plans).forEach((l) => process.stderr.write(`movies-tui: note: ${l}\n`));
        await confirmLoss(plans, db.name, opts.confirm, 'migrate down');
        return db.migrations.down(opts.to);
      });
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
      const risks = riskLines(plans);
      if (risks.length) out(`-- destructive steps (where data would be lost, migrate asks for the database name first):\n${risks.map((l) => `--   ${l}`).join('\n')}`);
      const empty = emptyLines(plans);
      if (empty.length) out(`-- rolling back does not bring data back:\n${empty.map((l) => `--   ${l}`).join('\n')}`);
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
    .argument('[name]', 'snake_case name, e.g. add_runtime_column (or give -m)')
    .option('-m, --message <text>', 'what it changes, e.g. "Add runtime column": names the file (add_runtime_column) and heads it as a comment')
    .description('write a new migration from the difference between the model and the database (in a project or the source checkout)')
    .action(async (name: string | undefined, opts: { message?: string }, cmd: Command) => {
      // A usage error before the database is opened: nothing runs.
      const message = messageOf(name, opts.message);
      const created = await withDb(cmd, (db) => db.migrations.create(message));
      if (!created) return out('the database already matches the model: no migration created');
      out(`created ${created.file}`);
      out('up:');
      created.up.forEach((s) => out(`  ${s}`));
      out('down:');
      created.down.forEach((s) => out(`  ${s}`));
      out(created.needsBuild ? 'review it, run npm run build, then movies-tui migrate up' : 'review it, then run movies-tui migrate up');
    });
}

const NAME_RULE = /^[a-z][a-z0-9_]{0,59}$/;

/** The message to name the migration by: -m's text, or the snake_case name given as before. */
function messageOf(name: string | undefined, message: string | undefined): string {
  if (name !== undefined && message !== undefined) throw new UsageError('give a name or -m "message", not both');
  if (message !== undefined) {
    if (!slugOf(message)) throw new UsageError('the message has no letters or digits to name the migration by, e.g. -m "Add runtime column"');
    return message;
  }
  if (name === undefined) throw new UsageError('say what the migration does: migrate create -m "Add runtime column" (or a snake_case name)');
  if (!NAME_RULE.test(name)) throw new UsageError(`invalid migration name "${inert(name)}": use snake_case, e.g. add_runtime_column, or -m "${inert(name)}"`);
  return name;
}
