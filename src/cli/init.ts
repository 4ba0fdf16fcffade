import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../db/errors.js';
import { packageRoot } from '../db/paths.js';
import { out } from './context.js';

/** Assembled by scripts/bundle.mjs from template/, src/db/entities.ts and migrations/. */
const TEMPLATE = join(packageRoot, 'dist', 'template');
/** npm leaves a .gitignore out of a package, so the template's is named gitignore. */
const RENAMED: Record<string, string> = { gitignore: '.gitignore' };

/** init [dir] */
export function addInitCommand(program: Command): void {
  program
    .command('init')
    .argument('[dir]', 'the folder to make a project of (default: the current one; made if missing)')
    .description("make a folder a movies-tui project: the Movie model and the course's migrations as files you edit, and its own embedded database")
    .action((dir: string | undefined) => {
      const root = resolve(dir ?? '.');
      const written = initProject(root);
      out(`made ${root} a movies-tui project; wrote:`);
      written.forEach((file) => out(`  ${file}`));
      const rel = relative(process.cwd(), root);
      const cd = rel ? `cd ${rel.startsWith('..') ? root : rel} && ` : '';
      out(`next: ${cd}movies-tui migrate up && movies-tui seed`);
    });
}

/** Copies the template into root, never overwriting: if any file is there, nothing is written. */
export function initProject(root: string): string[] {
  if (!existsSync(TEMPLATE)) throw new UserError(`the project template is missing from ${TEMPLATE}: run npm run build`);
  const files = listFiles(TEMPLATE).map((from) => ({ from, to: join(root, ...relative(TEMPLATE, from).split(sep).map((p) => RENAMED[p] ?? p)) }));
  const taken = files.find(({ to }) => existsSync(to));
  if (taken) throw new UserError(`${taken.to} already exists: init never overwrites a file, and wrote nothing`);
  if (existsSync(root) && !statSync(root).isDirectory()) throw new UserError(`${root} is not a folder`);
  for (const { from, to } of files) {
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, readFileSync(from), { flag: 'wx' });
  }
  return files.map(({ to }) => relative(root, to)).sort();
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}
