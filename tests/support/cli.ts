import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Target } from '../../src/db/target.js';

/** The built command, run as a user runs it (npm test builds first). */
export const CLI = resolve(import.meta.dirname, '../../dist/bundle/cli.js');

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A clean environment: an empty HOME, no DATABASE_URL, nothing of the developer's. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'movies-tui-home-'));
  return { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', ...extra };
}

/** A clean environment pointing the command at a database (DATABASE_URL or MOVIES_TUI_DATA_DIR). */
export const envFor = (target: Target): NodeJS.ProcessEnv =>
  cleanEnv(target.kind === 'server' ? { DATABASE_URL: target.url } : { MOVIES_TUI_DATA_DIR: target.dataDir });

/** Where the command runs: `cwd` (a project is found from there; default the tests' own), `cli` another copy of the built command (see checkoutCopy). */
export interface Where {
  cwd?: string;
  cli?: string;
}

export function start(args: string[], env: NodeJS.ProcessEnv, input?: string, { cwd, cli = CLI }: Where = {}): ChildProcess & { result: Promise<Result> } {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const child = spawn(process.execPath, [cli, ...args], { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  if (input !== undefined) child.stdin.end(input);
  const result = new Promise<Result>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return Object.assign(child, { result });
}

export function run(args: string[], env: NodeJS.ProcessEnv, input = '', where: Where = {}): Promise<Result> {
  return start(args, env, input, where).result;
}

/**
 * A copy of the source checkout in a temporary folder, with the built command and the
 * repository's node_modules: what `migrate create` or `e` writes lands in its migrations/, not
 * the repository's. Remove it when done.
 */
export function checkoutCopy(): string {
  const repo = resolve(import.meta.dirname, '../..');
  const checkout = mkdtempSync(join(tmpdir(), 'movies-tui-checkout-'));
  for (const f of ['package.json', 'tsconfig.json', 'migrations', 'dist/bundle']) cpSync(join(repo, f), join(checkout, f), { recursive: true });
  symlinkSync(join(repo, 'node_modules'), join(checkout, 'node_modules'));
  return checkout;
}
