// docs/architecture.md maps src/ one line per file or folder; this keeps the map true: a file
// added, moved or removed under src/ fails here until the map says so.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

/** Every path under src/, folders ending in '/', e.g. 'src/ui/', 'src/ui/App.tsx'. */
function tree(dir = 'src'): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    return entry.isDirectory() ? [`${path}/`, ...tree(path)] : [path];
  });
}

/** The paths the map names: each line's first word, under the folders it is indented beneath. */
function mapPaths(doc: string): string[] {
  const block = /<!-- map:start -->\s*```\n([\s\S]*?)```\s*<!-- map:end -->/.exec(doc);
  if (!block) throw new Error('docs/architecture.md has no map between <!-- map:start --> and <!-- map:end -->');
  const parents: string[] = [];
  const paths: string[] = [];
  for (const line of block[1]!.split('\n').filter((l) => l.trim())) {
    const depth = (line.length - line.trimStart().length) / 2;
    const name = line.trim().split(/\s+/)[0]!;
    if (!Number.isInteger(depth) || depth > parents.length) throw new Error(`the map's indentation is off at: ${line}`);
    parents.length = depth;
    const path = parents.join('') + name;
    paths.push(path);
    if (name.endsWith('/')) parents.push(name);
  }
  return paths;
}

describe('the map of src/ in docs/architecture.md', () => {
  const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
  const mapped = mapPaths(doc);
  const actual = ['src/', ...tree()];

  it('names every file and folder under src/', () => {
    const missing = actual.filter((p) => !mapped.includes(p));
    expect(missing, 'add these to the map in docs/architecture.md').toEqual([]);
  });

  it('names nothing that is not there', () => {
    const stale = mapped.filter((p) => !actual.includes(p));
    expect(stale, 'the map in docs/architecture.md names paths that do not exist').toEqual([]);
  });

  it('names each path once', () => {
    expect(mapped.filter((p, i) => mapped.indexOf(p) !== i)).toEqual([]);
  });

  it('reads folders and their files from the indentation', () => {
    expect(mapPaths('<!-- map:start -->\n```\nsrc/\n  a/\n    b.ts  x\n  c.ts  y\n```\n<!-- map:end -->')).toEqual(['src/', 'src/a/', 'src/a/b.ts', 'src/c.ts']);
  });
});
