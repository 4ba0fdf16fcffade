// The Model screen (5) of the built app in a real terminal, in a project on its own embedded
// database: a column added from the screen lands in the model file with the user's comments
// kept, g on Migrations generates it from the new model, a rename becomes a rename, and a
// model file broken by hand is shown with its line and column while the app keeps working.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, cleanEnv, run } from './support/cli.js';
import { spawnPty, type PtyApp } from './support/pty.js';

let app: PtyApp | undefined;
afterEach(() => {
  app?.kill('SIGKILL');
  app = undefined;
});

/** A new project, migrated and seeded, and the app open in it on the Model screen. */
async function openProject(extraEnv: Record<string, string> = {}): Promise<{ root: string; model: string; original: string; env: NodeJS.ProcessEnv }> {
  const root = join(mkdtempSync(join(tmpdir(), 'movies-tui-model-screen-')), 'films');
  const env = cleanEnv(extraEnv);
  expect((await run(['init', root], env)).code).toBe(0);
  expect((await run(['migrate', 'up'], env, '', { cwd: root })).code).toBe(0);
  expect((await run(['seed'], env, '', { cwd: root })).stdout).toContain('inserted 7');
  const model = join(root, 'model', 'movie.ts');
  const original = readFileSync(model, 'utf8');
  app = spawnPty(process.execPath, [CLI], { env, cwd: root, cols: 120, rows: 34 });
  await app.waitFor('migrations 5/5 applied', 30_000);
  await app.press('5');
  await app.waitFor('Model model/movie.ts', 30_000);
  await app.waitFor(/version +integer default 1 +integer default 1/);
  return { root, model, original, env };
}

describe('the Model screen, in a terminal', { timeout: 180_000 }, () => {
  it('adds runtime integer null to the file, comments kept; g generates it; a rename becomes a rename', async () => {
    const { model, original } = await openProject();
    await app!.press('a');
    await app!.waitFor('Add a column to the model');
    await app!.type('runtime');
    // The type picker: integer is the default; right and left go through the kinds.
    await app!.press('tab', 'right');
    await app!.waitFor('[numeric]');
    await app!.press('left', 'tab', 'tab', 'tab', 'enter');
    await app!.waitFor('✓ added runtime integer null to model/movie.ts');
    await app!.waitFor(/\+runtime +integer null +— +\(in the model, not in the database/);
    expect(readFileSync(model, 'utf8')).toBe(original.replace('    version: p.integer().default(1),\n', '    version: p.integer().default(1),\n    runtime: p.integer().nullable(),\n'));
    expect(readFileSync(model, 'utf8')).toContain('// Bumped by a trigger (versions_and_changes), not by MikroORM: psql edits must count too.');

    await app!.press('2', 'g');
    await app!.type('Add runtime column');
    await app!.press('enter');
    await app!.waitFor('alter table "movie" add column "runtime" int null;');
    await app!.waitFor('_add_runtime_column.ts');
    await app!.press('u');
    await app!.waitFor('y: yes');
    await app!.press('y');
    await app!.waitFor('✓ applied add_runtime_column');

    await app!.press('5');
    await app!.waitFor(/runtime +integer null +integer null/);
    await app!.press(...Array(7).fill('j'), 'r');
    await app!.waitFor('Rename runtime to:');
    await app!.type('minutes');
    await app!.press('enter');
    await app!.waitFor('MikroORM\'s schema comparator writes that as a');
    await app!.press('y');
    await app!.waitFor(/>minutes +integer null +runtime integer null +\(renamed from runtime/);
    await app!.waitFor('✓ renamed runtime to minutes in model/movie.ts: g on Migrations generates the rename');
    expect(readFileSync(model, 'utf8')).toContain('    minutes: p.integer().nullable(),\n  },');

    await app!.press('2', 'g');
    await app!.type('Rename runtime');
    await app!.press('enter');
    await app!.waitFor('alter table "movie" rename column "runtime" to "minutes";');
    await app!.waitFor('alter table "movie" rename column "minutes" to "runtime";');
    await app!.press('q');
    expect((await app!.exited).exitCode).toBe(0);
  });

  it('shows a model file broken by hand with its line and column; the app keeps working, and takes the fix', async () => {
    const root = mkdtempSync(join(tmpdir(), 'movies-tui-editor-'));
    const editor = join(root, 'editor.sh');
    // An editor that puts the column in, as a person would.
    writeFileSync(editor, `#!/bin/sh\nsed -i 's/^    version: p.integer().default(1),$/    version: p.integer().default(1),\\n    budget: p.decimal().precision(12).scale(2).nullable(),/' "$1"\n`);
    chmodSync(editor, 0o755);
    const { model, original } = await openProject({ EDITOR: editor });
    const line = original.split('\n').findIndex((l) => l.includes('year: p.integer(),')) + 1;
    writeFileSync(model, original.replace('year: p.integer(),', 'year: p.integr(),'));
    await app!.waitFor(`✗ model/movie.ts:${line}:`);
    await app!.waitFor('p.integr is not a function (the last good model stays in use)');
    // Elsewhere, the status line says it; the list and the migrations still work on the last good model.
    await app!.press('1');
    await app!.waitFor('(the last good model stays in use; 5 shows the model)');
    await app!.waitFor('Spirited Away');
    await app!.press('2');
    await app!.waitFor('The model matches the database.');
    writeFileSync(model, original.replace('year: p.integer(),', 'year: p.integer((,'));
    await app!.press('5');
    await app!.waitFor(`✗ model/movie.ts:${line}:`);
    await app!.waitFor('Unexpected token');
    writeFileSync(model, original);
    await app!.waitFor('✓ the model file loads again: the app uses it now');
    await app!.waitForGone('the last good model stays in use');

    // e: the editor adds budget; back in the app the model is read again.
    await app!.press('e');
    await app!.waitFor(/\+budget +numeric\(12,2\) null/);
    await app!.press('2');
    await app!.waitFor('alter table "movie" add column "budget" numeric(12,2) null;');
    await app!.press('q');
    expect((await app!.exited).exitCode).toBe(0);
  });
});
