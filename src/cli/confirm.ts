import { createInterface } from 'node:readline';
import { UserError } from '../db/errors.js';
import type { MigrationPlan } from '../db/migrations.js';
import { riskLines } from '../db/risks.js';

/**
 * Asks on the terminal for a word typed exactly (the database's name before a reset): one
 * key can never destroy data. Resolves false on any other answer, on Ctrl+C or end of input.
 */
export function confirmTyped(question: string, word: string): Promise<boolean> {
  // The question goes to stderr: stdout stays for results.
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  return new Promise<boolean>((resolve) => {
    let answered = false;
    const done = (ok: boolean) => {
      answered = true;
      rl.close();
      resolve(ok);
    };
    rl.on('SIGINT', () => {
      process.stderr.write('\n');
      done(false);
    });
    rl.on('close', () => {
      if (!answered) resolve(false);
    });
    rl.question(question, (answer) => done(answer.trim() === word));
  });
}

/**
 * A plan that loses data runs only once the database's name is typed (as for a reset):
 * at a prompt on a terminal, or given with --confirm. Otherwise nothing runs.
 */
export async function confirmLoss(plans: MigrationPlan[], name: string, given: string | undefined, doing: string): Promise<void> {
  const losses = riskLines(plans, true);
  if (losses.length === 0 || given === name) return;
  if (given !== undefined) throw new UserError(`--confirm ${given} is not the database name "${name}"; nothing was changed`);
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new UserError(`${doing} loses data (${losses.join('; ')}); nothing was changed: to confirm, run it again with --confirm ${name}`);
  }
  process.stderr.write(`${doing} loses data:\n${losses.map((l) => `  ${l}\n`).join('')}`);
  if (!(await confirmTyped(`Type the database name (${name}) to confirm: `, name))) throw new UserError('not confirmed; nothing was changed');
}
