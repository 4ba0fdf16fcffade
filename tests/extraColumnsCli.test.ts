// The command line follows the project's model: `--set column=value` for any column, extras in
// `show`, `list` and their JSON, `--sort` by an extra column, and one clear line for a column
// the model lacks (exit 2, nothing written). On both databases.
import { beforeAll, expect, it } from 'vitest';
import { Database } from '../src/db/database.js';
import type { ChangeEvent } from '../src/db/changes.js';
import type { Target } from '../src/db/target.js';
import { describeEachDatabase } from './support/databases.js';
import { inProject, projectWithColumns } from './support/project.js';

describeEachDatabase('the CLI with extra model columns', (testDb) => {
  let cli: ReturnType<typeof inProject>;
  let target: Target;
  beforeAll(async () => {
    let root: string;
    ({ root, target } = await projectWithColumns(testDb.target, ['runtime: p.integer().nullable(),', 'released: p.date().nullable(),', "studio: p.string().length(30).default('indie'),"]));
    cli = inProject(root, target);
  }, 180_000);

  it('add --set sets any column, the course ones included; show and --json include the extras by name', async () => {
    const added = await cli(['add', '--set', 'title=Heat', '--set', 'year=1995', '--set', 'directors=Michael Mann', '--set', 'runtime=170', '--set', 'released=1995-12-15', '--json']);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const movie = JSON.parse(added.stdout) as Record<string, unknown>;
    expect(movie).toEqual({ id: movie.id, title: 'Heat', year: 1995, directors: ['Michael Mann'], theatre: true, mpa: null, version: 1, runtime: 170, released: '1995-12-15', studio: 'indie' });
    const shown = await cli(['show', String(movie.id)]);
    expect(shown.stdout).toContain('runtime:   170\n');
    expect(shown.stdout).toContain('released:  1995-12-15\n');
    expect(shown.stdout).toContain('studio:    indie');
    expect(JSON.parse((await cli(['show', String(movie.id), '--json'])).stdout)).toEqual(movie);
  });

  it('edit --set changes extras (an empty value clears one) and keeps the rest; the flags still work', async () => {
    const added = JSON.parse((await cli(['add', '--title', 'Ronin', '--year', '1998', '--director', 'John Frankenheimer', '--set', 'runtime=122', '--json'])).stdout) as { id: number };
    const edited = await cli(['edit', String(added.id), '--set', 'runtime=', '--set', 'studio=MGM', '--year', '1999', '--if-version', '1', '--json']);
    expect(edited.stderr).toBe('');
    expect(JSON.parse(edited.stdout)).toMatchObject({ year: 1999, runtime: null, studio: 'MGM', version: 2 });
  });

  it('list --json has the extras as keys; the text list shows them as columns; --sort takes an extra column', async () => {
    const list = JSON.parse((await cli(['list', '--json', '--sort', '-runtime'])).stdout) as Record<string, unknown>[];
    expect(list.map((m) => [m.title, m.runtime])).toEqual([['Heat', 170], ['Ronin', null]]);
    const text = (await cli(['list', '--sort', 'released'])).stdout.split('\n');
    expect(text[0]).toMatch(/MPA\s+RUNTIME\s+RELEASED\s+STUDIO$/);
    expect(text[1]).toMatch(/Heat .* 170\s+1995-12-15\s+indie$/);
    expect(text[2]).toMatch(/Ronin .*\s+MGM$/);
  });

  it('a column the model lacks, or a bad value, is one line; nothing is written', async () => {
    const before = (await cli(['list', '--json'])).stdout;
    const unknown = await cli(['add', '--title', 'X', '--year', '2000', '--director', 'Y', '--set', 'rating=5']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('movies-tui: --set rating=…: the model has no column "rating" (columns you can set: title, year, directors, theatre, mpa, runtime, released, studio); nothing was written\n');
    const noEquals = await cli(['edit', '1', '--set', 'runtime']);
    expect(noEquals.code).toBe(2);
    expect(noEquals.stderr.trim().split('\n')).toHaveLength(1);
    const bad = await cli(['edit', '1', '--set', 'runtime=long', '--set', 'released=1995-13-01']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('movies-tui: runtime: must be a whole number (such as 142); released: must be a date as YYYY-MM-DD (such as 1994-10-14)\n');
    // A whole number too big for integer is not "not a whole number": the message says the range.
    const big = await cli(['edit', '1', '--set', 'runtime=2147483648']);
    expect(big.code).toBe(1);
    expect(big.stderr).toBe('movies-tui: runtime: must be between -2147483648 and 2147483647\n');
    const sort = await cli(['list', '--sort', 'rating']);
    expect(sort.code).toBe(2);
    expect(sort.stderr).toMatch(/^movies-tui: --sort: there is no column "rating" to sort by \(columns: .*runtime, released, studio\)\n$/);
    expect((await cli(['list', '--json'])).stdout).toBe(before);
  });

  it("seed inserts the project's seed movies into a model with nullable and defaulted extras: they take their defaults", async () => {
    const seeded = await cli(['seed']);
    expect(seeded.stderr).toBe('');
    expect(seeded.stdout).toMatch(/^inserted 7, skipped 0 \(from seeds\/movies\.ts/);
    const list = JSON.parse((await cli(['list', '--json', '--search', 'Spirited Away'])).stdout) as Record<string, unknown>[];
    expect(list).toEqual([expect.objectContaining({ title: 'Spirited Away', runtime: null, released: null, studio: 'indie' })]);
  });

  it('live refresh: another process edits an extra column; a server tells the open database, and a re-read shows it', async () => {
    const db = await Database.open(target);
    const heatId = async (d: Database) => (await d.movies.list({ search: 'Heat' })).movies[0]!.id;
    const id = await heatId(db);
    if (db.changes) {
      const events: ChangeEvent[] = [];
      const stop = db.changes.subscribe((e) => events.push(e));
      try {
        // A write of our own, heard, proves the feed listens before the other process writes
        // (one made before its LISTEN is in place is never heard: write again until one is).
        await expect
          .poll(async () => {
            await db.movies.update(id, { extra: { runtime: 170 } });
            return events.some((e) => e.type === 'changed');
          }, { timeout: 20_000, interval: 500 })
          .toBe(true);
        events.length = 0;
        expect((await cli(['edit', String(id), '--set', 'runtime=171'])).code).toBe(0);
        await expect.poll(() => events.some((e) => e.type === 'changed' && e.op === 'update'), { timeout: 10_000 }).toBe(true);
        expect((await db.movies.get(id)).extra?.runtime).toBe(171);
      } finally {
        stop();
        await db.close();
      }
      return;
    }
    // The embedded database takes one process at a time: the edit comes between two opens.
    await db.close();
    expect((await cli(['edit', String(id), '--set', 'runtime=171'])).code).toBe(0);
    const again = await Database.open(target);
    try {
      expect((await again.movies.get(id)).extra?.runtime).toBe(171);
    } finally {
      await again.close();
    }
  });

  it('add without a title, year or directors names what is missing (exit 2)', async () => {
    const r = await cli(['add', '--set', 'title=Solo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('movies-tui: add needs --year, --director (or --set year=…, directors=…)\n');
  });
});
