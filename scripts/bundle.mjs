// Bundles the executable: one ESM file for the entry (commander, Ink, React and the app's
// screens, minified) plus lazily loaded chunks, so the first frame is painted without
// parsing hundreds of modules. MikroORM and PGlite stay external (MikroORM's dialect
// `require`s do not bundle) and are loaded with import() once the first rows are up.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { chmodSync, cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';

const outdir = 'dist/bundle';
// Ink's frame builder replaced by the app's faster one with the same output (src/ui/inkOutput.ts).
const inkOutput = {
  name: 'ink-output',
  setup(b) {
    b.onResolve({ filter: /^\.\/output\.js$/ }, (args) => {
      if (!args.importer.replaceAll('\\', '/').endsWith('/ink/build/renderer.js')) return undefined;
      inkOutput.used = true;
      return { path: resolve('src/ui/inkOutput.ts') };
    });
  },
};
// Every string-width (whichever version its importer resolves) behind a fast path (src/ui/fastWidth.ts).
const fastWidth = {
  name: 'fast-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData?.real) return undefined;
      fastWidth.used = true;
      const real = await b.resolve('string-width', { resolveDir: args.resolveDir, kind: args.kind, pluginData: { real: true } });
      return real.errors.length ? { errors: real.errors } : { path: real.path, namespace: 'fast-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'fast-width' }, (args) => ({
      contents: `import real from ${JSON.stringify(args.path)};\nimport { fastWidth } from ${JSON.stringify(resolve('src/ui/fastWidth.ts'))};\nexport default fastWidth(real);\n`,
      resolveDir: resolve('.'),
      loader: 'js',
    }));
  },
};
// Chunk names change with their contents: start empty, or old chunks pile up.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts', pgliteWorker: 'src/db/pgliteWorker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  // Readable function names in CPU profiles (bench/profile.ts); the shipped bundle is fully minified.
  minifyIdentifiers: process.env.BUNDLE_KEEP_NAMES !== '1',
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Never loaded (Ink imports it only when DEV is set); external, not stubbed, so esbuild keeps modules lazy.
  // pg itself is bundled: the app's first page is read with it before MikroORM (which loads its own copy) is needed.
  // jiti loads a project's TypeScript model at run time, with babel files it requires lazily: it stays a package.
  external: ['@mikro-orm/*', 'pg-native', 'pg-copy-streams', 'knex', '@electric-sql/*', 'react-devtools-core', 'jiti'],
  plugins: [inkOutput, fastWidth],
  // Some bundled CommonJS packages call require() for Node built-ins.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
// Another Ink may import its output differently: never ship without knowing which one is in.
if (!inkOutput.used) throw new Error("bundle: Ink's renderer no longer imports ./output.js; check src/ui/inkOutput.ts against Ink's build/output.js");
if (!fastWidth.used) throw new Error('bundle: nothing imports string-width any more; drop the fast-width plugin');
// A top-level await inside a CommonJS wrapper only fails when loaded: check every file now.
for (const file of readdirSync(outdir).filter((f) => f.endsWith('.js'))) {
  execFileSync(process.execPath, ['--check', `${outdir}/${file}`], { stdio: 'inherit' });
}
chmodSync(`${outdir}/cli.js`, 0o755);

// What `movies-tui init` writes into a new project: the small files in template/, and the
// built-in model and migrations as the TypeScript sources they are (one source, no copies to keep in step).
const template = 'dist/template';
rmSync(template, { recursive: true, force: true });
cpSync('template', template, { recursive: true });
cpSync('src/db/entities.ts', `${template}/model/movie.ts`);
for (const file of readdirSync('migrations').filter((f) => /^Migration\d{14}_\w+\.ts$/.test(f))) {
  cpSync(`migrations/${file}`, `${template}/migrations/${file}`);
}
// The seed movies as a file the user edits: written from the built-in list (compiled by tsc
// before this runs), one movie a line, so a bad one is reported with its line.
const { courseMovies } = await import('../dist/seeds/movies.js');
const value = (v) => (Array.isArray(v) ? `[${v.map(value).join(', ')}]` : typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(v));
const movieLine = (m) => `  { ${Object.entries(m).map(([k, v]) => `${k}: ${value(v)}`).join(', ')} },`;
mkdirSync(`${template}/seeds`, { recursive: true });
writeFileSync(
  `${template}/seeds/movies.ts`,
  [
    '// The movies `movies-tui seed` (and s on the Data screen) inserts: edit them, add your own.',
    "// One object per movie with the model's columns (title, year, directors, theatre, mpa, and any",
    '// column you add to model/movie.ts). Movies already stored (same title and year) are skipped;',
    '// a movie that breaks the rules is reported with its line and left out, the others go in.',
    'export default [',
    ...courseMovies.map(movieLine),
    '];',
    '',
  ].join('\n'),
);
