/**
 * Loads a project's model and migrations, TypeScript files the user edits, at run time with
 * jiti: no build step, and no node_modules in the project. Their imports of MikroORM are
 * pointed at the app's own copies, so the classes they extend are the ones the app runs.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { EntitySchema, type MigrationObject } from '@mikro-orm/core';
import { createJiti } from 'jiti';
import { UserError } from './errors.js';
import { projectPath, type Project } from './project.js';

export interface ProjectModel {
  entities: EntitySchema[];
  migrations: MigrationObject[];
}

const MIGRATION_FILE = /^Migration\d{14}_\w+\.ts$/;

type Load = (file: string) => Promise<Record<string, unknown>>;

/** Imports a TypeScript file of the project (its model, a migration, its seeds); a failure is one line naming the file. */
export function projectLoader(project: Project): Load {
  const require = createRequire(import.meta.url);
  const jiti = createJiti(import.meta.url, {
    alias: Object.fromEntries(['@mikro-orm/core', '@mikro-orm/migrations'].map((name) => [name, require.resolve(name)])),
    // A file edited since the last load must be read again, not taken from this process's cache.
    moduleCache: false,
  });
  return async (file) => {
    try {
      return await jiti.import<Record<string, unknown>>(file);
    } catch (err) {
      throw new UserError(loadError(project, file, err));
    }
  };
}

/** The model file's entities (read again from disk each time: the app reloads it when it changes). */
export async function loadProjectEntities(project: Project, load: Load = projectLoader(project)): Promise<EntitySchema[]> {
  const model = await load(project.model);
  const entities = Object.values(model).filter((value): value is EntitySchema => value instanceof EntitySchema);
  if (!entities.some((e) => e.meta.className === 'Movie')) {
    throw new UserError(`${projectPath(project, project.model)} exports no Movie entity: it must export defineEntity({ name: 'Movie', ... })`);
  }
  return entities;
}

export async function loadProjectModel(project: Project): Promise<ProjectModel> {
  const load = projectLoader(project);
  const entities = await loadProjectEntities(project, load);
  return { entities, migrations: await loadProjectMigrations(project, [], load) };
}

/** The project's migration files, in name order, except those named in `known` (already loaded). */
export async function loadProjectMigrations(project: Project, known: string[], loader?: Load): Promise<MigrationObject[]> {
  const files = readdirSync(project.migrations).filter((f) => MIGRATION_FILE.test(f) && !known.includes(basename(f, '.ts'))).sort();
  if (files.length === 0) return [];
  const load = loader ?? projectLoader(project);
  return Promise.all(
    files.map(async (file): Promise<MigrationObject> => {
      const name = basename(file, '.ts');
      const exports = await load(join(project.migrations, file));
      const found = exports[name] ?? Object.values(exports).find((v) => typeof v === 'function');
      if (typeof found !== 'function') throw new UserError(`${projectPath(project, join(project.migrations, file))} exports no migration class (export class ${name} extends Migration)`);
      return { name, class: found as MigrationObject['class'] };
    }),
  );
}

/** One line naming the file, and the line and column of a syntax error. */
function loadError(project: Project, file: string, err: unknown): string {
  const message = String((err as Error)?.message ?? err);
  // jiti reports a syntax error as "ParseError: <what>\n <file>:<line>:<column>".
  const parse = /^(?:\w*Error: )?(.*?)\s*\n\s*\S+?:(\d+):(\d+)\s*$/s.exec(message);
  // Its column is Babel's, counted from 0: shown from 1, as editors count and as the Model screen's edits say it.
  if (parse) return `${projectPath(project, file)}:${parse[2]}:${Number(parse[3]) + 1}: ${parse[1]!.replace(/\s+/g, ' ').trim()}`;
  // An error while running it (p.integr is not a function): the file's own frame in the stack says where.
  const frame = String((err as Error)?.stack ?? '').split(file + ':')[1];
  const at = frame ? /^(\d+):(\d+)/.exec(frame) : null;
  // jiti compiles `import { p }` to `_core.p`: say it as the user wrote it.
  const first = message.split('\n')[0]!.replace(/\b_\w+\.(?=[A-Za-z_$])/g, '');
  return `${projectPath(project, file)}${at ? `:${at[1]}:${at[2]}` : ''}: ${first}`;
}
