// An app open on a database learns when another process migrates it (a CLI `migrate`, a second
// app, `db reset`): every migration run says so on the change channel with its PID, and each
// process ignores its own. On the embedded database the other process goes through the owner's socket.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChangeEvent } from '../src/db/changes.js';
import type { Database } from '../src/db/database.js';
import { CLI, envFor, run } from './support/cli.js';
import { describeEachDatabase } from './support/databases.js';
import { spawnPty } from './support/pty.js';

const wait = async (until: () => boolean) => {
  for (let i = 0; i < 200 && !until(); i++) await new Promise((r) => setTimeout(r, 25));
};

describeEachDatabase('migrations run by another process', (handle) => {
  let db: Database;
  const heard: ChangeEvent[] = [];
  beforeAll(async () => {
    db = await handle.open();
    await db.migrations.up();
    db.changes!.subscribe((e) => heard.push(e));
  }, 60_000);
  afterAll(() => db?.close());

  it('are heard by the open database as one schema event each run; its own runs are not news', async () => {
    // A server's feed listens on its own connection: heard once a row change comes through.
    for (let i = 0; i < 40 && handle.kind === 'server' && heard.length === 0; i++) {
      await db.movies.create({ title: `Probe ${i}`, year: 2000, directors: ['Nobody'] });
      await wait(() => heard.length > 0);
    }
    heard.length = 0;
    expect(await db.migrations.down()).toHaveLength(1);
    expect(await db.migrations.up()).toHaveLength(1);
    const other = await run(['migrate', 'down', '--confirm', db.name], envFor(handle.target));
    expect(other).toMatchObject({ code: 0, stderr: '' });
    await wait(() => heard.some((e) => e.type === 'schema'));
    expect(heard.filter((e) => e.type === 'schema')).toHaveLength(1);
    expect((await db.migrations.pending()).map((m) => m.label)).toEqual(['versions_and_changes']);
    expect((await run(['migrate', 'up'], envFor(handle.target))).code).toBe(0);
    await wait(() => heard.filter((e) => e.type === 'schema').length === 2);
    expect(heard.filter((e) => e.type === 'schema')).toHaveLength(2);
  }, 60_000);
});

describeEachDatabase('an open app, migrated from another terminal', (handle) => {
  it('shows the new count in its header and the Migrations screen without a key', async () => {
    const target = await handle.fresh();
    const env = envFor(target);
    expect((await run(['migrate', 'up'], env)).code).toBe(0);
    const app = spawnPty(process.execPath, [CLI], { env, cols: 120, rows: 30 });
    try {
      await app.waitFor('migrations 5/5 applied', 30_000);
      await app.press('2');
      await app.waitFor('Migrations 5/5 applied');
      expect((await run(['migrate', 'down'], env)).code).toBe(0);
      await app.waitFor('migrations 4/5 applied', 10_000);
      await app.waitFor('Migrations 4/5 applied');
    } finally {
      app.kill('SIGKILL');
    }
  }, 90_000);
});
