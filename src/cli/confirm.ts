import { createInterface } from 'node:readline/promises';
import { UserError } from '../db/errors.js';
import type { MigrationPlan } from '../db/migrations.js';
import { riskLines } from '../db/risks.js';

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
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`Type the database name (${name}) to confirm: `);
    if (answer.trim() !== name) throw new UserError('not confirmed; nothing was changed');
  } finally {
    prompt.close();
  }
}
