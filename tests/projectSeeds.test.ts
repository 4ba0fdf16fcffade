// A project's seed movies: seeds/movies.ts, written by init and edited by the user (the
// course's exercise 2). `seed` inserts the ones not stored yet; a movie that breaks the
// model's rules is reported with its line and left out whole, and the others go in.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { yearMax } from '../src/db/validation.js';
import { cleanEnv, run } from './support/cli.js';
import { describeEachDatabase } from './support/databases.js';

const GOOD = "  { title: 'Heat', year: 1995, directors: ['Michael Mann'], theatre: true, mpa: 'R' },";
const BAD_YEAR = "  { title: 'Too Early', year: 1700, directors: ['Nobody'] },";
const BAD_DIRECTOR = "  { title: 'Two Of Them', year: 2001, directors: ['A; B'] },";

describeEachDatabase('a project seed file', (handle) => {
  let root = '';
  let env: NodeJS.ProcessEnv = {};
  const cli = (...args: string[]) => run(args, env, '', { cwd: root });
  const seeds = () => join(root, 'seeds', 'movies.ts');
  const lineOf = (text: string) => readFileSync(seeds(), 'utf8').split('\n').indexOf(text) + 1;
  const titles = async () => (JSON.parse((await cli('list', '--json')).stdout) as { title: string }[]).map((m) => m.title).sort();

  it('init writes the course movies as seeds/movies.ts, and seed inserts them once', async () => {
    const base = await handle.fresh();
    root = join(mkdtempSync(join(tmpdir(), 'movies-tui-seeds-')), 'films');
    env = base.kind === 'server' ? cleanEnv({ DATABASE_URL: base.url }) : cleanEnv({ MOVIES_TUI_DATA_DIR: base.dataDir });
    expect((await run(['init', root], env)).code).toBe(0);
    expect(readFileSync(seeds(), 'utf8')).toContain("  { title: 'Spirited Away', year: 2001, directors: ['Hayao Miyazaki'], theatre: true, mpa: 'PG' },\n];\n");
    expect((await cli('migrate', 'up')).code).toBe(0);
    const first = await cli('seed');
    expect(first).toMatchObject({ code: 0, stderr: '', stdout: 'inserted 7, skipped 0 (from seeds/movies.ts)\n' });
    expect((await cli('seed')).stdout).toBe('inserted 0, skipped 7 (from seeds/movies.ts)\n');
  });

  it('a movie that breaks the rules is reported with its line and left out; the others go in, never twice', async () => {
    writeFileSync(seeds(), readFileSync(seeds(), 'utf8').replace(/\n\];\n$/, `\n${BAD_YEAR}\n${GOOD}\n${BAD_DIRECTOR}\n];\n`));
    const bad = lineOf(BAD_YEAR);
    const seeded = await cli('seed');
    expect(seeded.code).toBe(1);
    expect(seeded.stderr).toBe(
      `movies-tui: seeds/movies.ts:${bad}: year must be a whole number between 1878 and ${yearMax()}\n` +
        `movies-tui: seeds/movies.ts:${bad + 2}: directors[0] must not contain ";" (it separates directors in CSV files)\n`,
    );
    expect(seeded.stdout).toBe('inserted 1, skipped 7, rejected 2 (from seeds/movies.ts)\n');
    const stored = await titles();
    expect(stored).toContain('Heat');
    expect(stored).not.toContain('Too Early');
    expect(stored).not.toContain('Two Of Them');
    expect(stored).toHaveLength(8);
    const again = await cli('seed', '--json');
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toEqual({ inserted: 0, skipped: 8, rejected: [expect.stringMatching(`^seeds/movies.ts:${bad}: year`), expect.stringMatching(`^seeds/movies.ts:${bad + 2}: directors`)], source: 'seeds/movies.ts' });
    expect(await titles()).toHaveLength(8);
  });

  it('a seed file that does not parse is one line with its line and column, and nothing is inserted', async () => {
    writeFileSync(seeds(), readFileSync(seeds(), 'utf8').replace(GOOD, "  { title: 'Ronin', year: 1998,, },"));
    const line = lineOf("  { title: 'Ronin', year: 1998,, },");
    const broken = await cli('seed');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(new RegExp(`^movies-tui: seeds/movies\\.ts:${line}:\\d+: Unexpected token[^\\n]*\\n$`));
    writeFileSync(seeds(), 'export const notMovies = 3;\n');
    expect((await cli('seed')).stderr).toBe("movies-tui: seeds/movies.ts must export an array of movies: export default [{ title: 'Heat', year: 1995, directors: ['Michael Mann'] }]\n");
    expect(await titles()).toHaveLength(8);
  });
});
