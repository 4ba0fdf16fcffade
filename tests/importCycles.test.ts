// No module under src/ (or migrations/, seeds/) imports itself through others, type imports
// included: a loop makes "where does this live" two answers, and a value loop can see a
// half-initialised module at start-up.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(`${dir}/${e.name}`) : /\.tsx?$/.test(e.name) ? [`${dir}/${e.name}`] : [],
  );
}

/** The project files a file imports or re-exports, by relative path. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:import|export)[^;]*?from '(\.[^']+)'/gs)]
    .map((m) => normalize(join(dirname(file), m[1]!)))
    .flatMap((p) => [p.replace(/\.js$/, '.ts'), p.replace(/\.js$/, '.tsx')].filter((c) => existsSync(join(root, c))));
}

/** The loops in the import graph (each as the files on it), found by depth-first search. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push(path.slice(path.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('the import graph', () => {
  it('has no loops in src/, migrations/ or seeds/', () => {
    const files = ['src', 'migrations', 'seeds'].flatMap((d) => sources(d));
    const graph = new Map(files.map((f) => [f, importsOf(f)]));
    expect(graph.get('src/ui/keys.ts')?.length, 'imports are read').toBeGreaterThan(3);
    expect(cycles(graph).map((c) => c.map((f) => relative('.', f)).join(' → '))).toEqual([]);
  });

  it('finds a loop when there is one', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual([['a', 'b', 'c']]);
  });
});
