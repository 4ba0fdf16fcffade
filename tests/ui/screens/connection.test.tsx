import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../../../src/db/database.js';
import { newServerDatabase, serverUrl } from '../../support/databases.js';
import type { Rendered } from '../support.js';
import { appPerTest } from './setup.js';

const { start, stop } = appPerTest();
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/**
 * The app on a seeded server database whose server then drops the app's connections and
 * refuses new ones; r (refresh) makes the app notice. `back()` lets connections in again.
 */
async function lostConnection(): Promise<{ app: Rendered; back: () => Promise<void> }> {
  const url = await newServerDatabase();
  const db = await Database.open({ kind: 'server', url, source: 'flag' });
  const admin = new pg.Client({ connectionString: serverUrl() });
  const name = new URL(url).pathname.slice(1);
  let refused = false;
  const back = async () => {
    if (refused) await admin.query(`alter database "${name}" allow_connections true`);
    refused = false;
  };
  cleanup = async () => {
    await back(); // first: the app's calls waiting for a connection must end
    await stop();
    await admin.end();
    await db.close();
  };
  await admin.connect();
  await db.migrations.up();
  await db.seeds.run();
  const app = await start(db, '7 movies');
  refused = true;
  await admin.query(`alter database "${name}" allow_connections false`);
  await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
  await app.press('r');
  await app.waitFor('Lost the connection to the database');
  return { app, back };
}

describe.skipIf(!serverUrl())('a lost connection', () => {
  it('shows a banner that retries by itself', async () => {
    const { app } = await lostConnection();
    await app.waitFor(/retrying in \d+ s \(attempt \d+\)/);
  });

  it('keeps what the app had on screen, and the app running', async () => {
    const { app } = await lostConnection();
    expect(app.frame()).toContain('The Matrix');
    await app.press('j', 'j');
    expect(app.frame()).toContain('Lost the connection');
  });

  it('clears the banner once the server answers again', async () => {
    const { app, back } = await lostConnection();
    await back();
    await app.press('r');
    await app.waitFor((f) => !f.includes('Lost the connection'));
    expect(app.frame()).toContain('The Matrix');
  });
});
