// A view draws: props in, text out. Its I/O (the database, files, the clock of a query) lives in
// its screen's controller, so a view can be rendered from any state without a database.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;

/** Every view: the .tsx files of the screen and shell folders but the ones that join controller and view. */
function views(): string[] {
  const folders = ['src/ui/shell', ...readdirSync(join(root, 'src/ui/screens')).map((d) => `src/ui/screens/${d}`)];
  return folders.flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.tsx') && f !== 'index.tsx' && f !== 'App.tsx')
      .map((f) => `${dir}/${f}`),
  );
}

/** Modules a view may use at run time beyond its own folder's state and views: pure text and drawing. */
const PURE = [/^(ink|react)$/, /\/text\//, /\/components\//, /\/dialogs\/Dialogs\.js$/, /\/keys\.js$/, /\/keyRouter\.js$/, /\/tableCell\.js$/, /\/rowWindow\.js$/, /\/db\/validation\.js$/, /\/db\/columns\.js$/, /\/transfer\/progress\.js$/, /^\.\/(state|values|extras|layout|\w*View|Frame|HelpOverlay|Report)\.js$/, /^\.\.\/form\/(state|values)\.js$/];

describe('views perform no I/O', () => {
  const files = views();

  it('finds the views of every screen', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it.each(files)('%s imports only drawing and pure text at run time', (file) => {
    const source = readFileSync(join(root, file), 'utf8');
    const runtime = [...source.matchAll(/^import (?!type )[^;]*? from '([^']+)';/gms)].map((m) => m[1]!);
    expect(runtime.filter((spec) => !PURE.some((ok) => ok.test(spec)))).toEqual([]);
    expect(source).not.toMatch(/\buse(Db|Status|Emit|Events|EventCount|SetDirty)\(/);
  });
});
