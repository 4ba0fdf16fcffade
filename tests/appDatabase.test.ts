import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { openForApp } from '../src/db/appDatabase.js';
import { lockPath } from '../src/db/lock.js';
import { describeEachDatabase } from './support/databases.js';

describeEachDatabase("the app's database handle", (testDb) => {
  it('reads the first page at once, then writes, migrations and seeds go through the ORM; close releases everything', async () => {
    const setup = await testDb.open();
    await setup.migrations.up();
    await setup.seeds.run();
    await setup.close();

    const db = await openForApp(testDb.target);
    try {
      expect(await db.movies.tableExists()).toBe(true);
      const first = await db.movies.list({ limit: 3 });
      expect(first.movies.map((m) => m.title)).toEqual(['Inception', 'Interstellar', 'Jaws']);
      expect(await db.movies.count()).toEqual({ count: 7, exact: true });
      const added = await db.movies.create({ title: 'Heat', year: 1995, directors: ['Michael Mann'] });
      expect((await db.movies.list({ search: 'heat' })).movies).toEqual([added]);
      expect((await db.migrations.status()).every((m) => m.applied)).toBe(true);
      expect(await db.seeds.run()).toEqual({ inserted: 0, skipped: 7 });
      expect((await db.info()).rows).toEqual({ count: 8, exact: true });
    } finally {
      await db.close();
    }
    if (testDb.target.kind === 'embedded') expect(existsSync(lockPath(testDb.target.dataDir))).toBe(false);
  });

  it('closing right after opening, before the ORM was ever needed, closes cleanly', async () => {
    const db = await openForApp(testDb.target);
    await db.movies.list();
    await db.close();
    if (testDb.target.kind === 'embedded') expect(existsSync(lockPath(testDb.target.dataDir))).toBe(false);
    const again = await testDb.open();
    expect((await again.movies.count()).count).toBe(8);
    await again.close();
  });

  it.skipIf(testDb.kind === 'embedded')('a server that cannot be reached fails with the same one line as the commands', async () => {
    if (testDb.target.kind !== 'server') throw new Error('server only');
    const url = new URL(testDb.target.url);
    url.port = '1';
    await expect(openForApp({ kind: 'server', url: url.toString(), source: 'flag' })).rejects.toThrow(/cannot connect to .*connection refused/);
  });
});
