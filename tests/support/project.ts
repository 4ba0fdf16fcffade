// A movies-tui project made by the built CLI (`init`), its model extended with more columns,
// the migration for them generated and applied: what a learner does in the course's exercise.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { findProject, type Project } from '../../src/db/project.js';
import type { Target } from '../../src/db/target.js';
import { envFor, run } from './cli.js';

/** Runs the built CLI inside the project. */
export const inProject = (root: string, target: Target) => (args: string[], input = '') => run(args, envFor(target), input, { cwd: root });

/**
 * A project on `target` whose model has `properties` after mpa (e.g. `runtime: p.integer().nullable()`),
 * migrated up (the course's migrations and the generated one).
 */
export async function projectWithColumns(target: Target, properties: string[]): Promise<{ root: string; project: Project; target: Target }> {
  const root = join(mkdtempSync(join(tmpdir(), 'movies-tui-project-')), 'films');
  const cli = inProject(root, target);
  const init = await run(['init', root], envFor(target));
  expect(init.stderr).toBe('');
  const model = join(root, 'model', 'movie.ts');
  const text = readFileSync(model, 'utf8');
  const mpa = 'mpa: p.string().length(5).nullable(),';
  expect(text).toContain(mpa);
  writeFileSync(model, text.replace(mpa, [mpa, ...properties].join('\n    ')));
  expect((await cli(['migrate', 'up'])).code).toBe(0);
  if (properties.length > 0) {
    const created = await cli(['migrate', 'create', '-m', 'Add more columns']);
    expect(created.stderr).toBe('');
    const up = await cli(['migrate', 'up']);
    expect(up.stderr).toBe('');
  }
  const project = findProject(root)!;
  return { root, project, target: { ...target, project } };
}
