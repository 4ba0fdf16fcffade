/**
 * A movies-tui project: a folder with a movies-tui.json, found from the current directory
 * upwards as git finds a repository. It holds the user's model and migrations (loaded at run
 * time by projectModel.ts) and, by default, its own embedded database.
 * Loads none of MikroORM: the CLI finds the project before it knows what it will open.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { UserError } from './errors.js';

export const PROJECT_FILE = 'movies-tui.json';

export interface Project {
  /** The project folder (where movies-tui.json is). */
  root: string;
  /** The folder's name, shown in the header and by `db info`. */
  name: string;
  /** Absolute paths, from movies-tui.json (relative to the project folder). */
  model: string;
  migrations: string;
  dataDir: string;
  /** The seed movies (seeds/movies.ts): what `seed` and s insert. A project made before it had none may lack the file. */
  seeds: string;
}

/** movies-tui.json as init writes it; every key is optional. */
const DEFAULTS = { model: 'model/movie.ts', migrations: 'migrations', dataDir: '.movies-tui/data', seeds: 'seeds/movies.ts' };

/** The project containing `dir` (or `dir` itself), or undefined outside any project. */
export function findProject(dir: string = process.cwd()): Project | undefined {
  for (let at = resolve(dir); ; at = dirname(at)) {
    const file = join(at, PROJECT_FILE);
    if (existsSync(file)) return readProject(at, file);
    if (dirname(at) === at) return undefined;
  }
}

function readProject(root: string, file: string): Project {
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError(`cannot read the project file ${file}: ${(err as Error).message}`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new UserError(`${file} must hold a JSON object such as ${JSON.stringify(DEFAULTS)}`);
  const path = (key: keyof typeof DEFAULTS): string => {
    const value = (config as Record<string, unknown>)[key] ?? DEFAULTS[key];
    if (typeof value !== 'string' || value.trim() === '') throw new UserError(`${file}: "${key}" must be a path (such as "${DEFAULTS[key]}")`);
    return resolve(root, value);
  };
  return { root, name: basename(root) || root, model: path('model'), migrations: path('migrations'), dataDir: path('dataDir'), seeds: path('seeds') };
}

/** A path inside the project as the user would type it there (model/movie.ts). */
export function projectPath(project: Project, path: string): string {
  const rel = relative(project.root, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** The project's seed file, if it has one (a project made before init wrote one has none). */
export const seedFileOf = (project: Project | undefined): string | undefined => (project && existsSync(project.seeds) ? project.seeds : undefined);
