import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocketQueue } from '../src/db/socketQueue.js';

// One PGlite served on a socket with the app's queue, and clients as other processes would be.
let db: PGlite;
let server: PGLiteSocketServer;
let queue: SocketQueue;
let dir: string;
const notices: string[] = [];
const clients: pg.Client[] = [];

async function client(): Promise<pg.Client> {
  const c = new pg.Client({ host: dir, port: 5432, user: 'postgres', database: 'postgres' });
  await c.connect();
  clients.push(c);
  return c;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'movies-tui-queue-'));
  db = await PGlite.create();
  await db.exec(`create table t (id int primary key, v text);
    insert into t select i, 'v' || i from generate_series(1, 50) i;
    create function tell() returns trigger language plpgsql as $$ begin perform pg_notify('movie_changes', lower(tg_op)); return null; end $$;
    create trigger t_tell after insert or update on t for each statement execute function tell();`);
  await db.listen('movie_changes', (p) => notices.push(`listen:${p}`));
  server = new PGLiteSocketServer({ db, path: join(dir, '.s.PGSQL.5432'), maxConnections: 16 });
  queue = new SocketQueue(db, 'movie_changes', (p) => notices.push(p));
  (server as unknown as { queryQueue: SocketQueue }).queryQueue = queue;
  await server.start();
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => {})));
  await server?.stop();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the embedded database\'s socket queue', () => {
  it('parameterised queries from several clients at once each get their own answer', async () => {
    const [a, b, c] = await Promise.all([client(), client(), client()]);
    // Each client asks one question after another, all three at once.
    const asks = [a, b, c].map(async (who, n) => {
      // A statement of its own (the unnamed one, as node-pg sends it): another's Parse would replace it.
      for (let i = 1; i <= 50; i++) expect((await who.query(`select v, ${n} as n from t where id = $1`, [i])).rows).toEqual([{ v: `v${i}`, n }]);
    });
    await Promise.all(asks);
  });

  it('a transaction keeps its turn: another client waits and then sees only what was committed', async () => {
    const [a, b] = await Promise.all([client(), client()]);
    await a.query('begin');
    await a.query(`update t set v = 'uncommitted' where id = 1`);
    const seen = b.query('select v from t where id = 1');
    const inside = await a.query('select v from t where id = 1');
    expect(inside.rows).toEqual([{ v: 'uncommitted' }]);
    await a.query('rollback');
    expect((await seen).rows).toEqual([{ v: 'v1' }]);
  });

  it('a client gone mid-transaction is rolled back and the others go on', async () => {
    const [a, b] = await Promise.all([client(), client()]);
    await a.query('begin');
    await a.query(`update t set v = 'lost' where id = 2`);
    const waiting = b.query('select v from t where id = 2');
    a.on('error', () => {}); // the connection it drops itself
    a.connection.stream.destroy();
    expect((await waiting).rows).toEqual([{ v: 'v2' }]);
  });

  it('the worker\'s own work never runs inside a client\'s transaction', async () => {
    const a = await client();
    await a.query('begin');
    await a.query(`update t set v = 'open' where id = 3`);
    const own = queue.inProcess(() => db.query<{ v: string }>('select v from t where id = 3'));
    await new Promise((r) => setTimeout(r, 50));
    await a.query('rollback');
    expect((await own).rows).toEqual([{ v: 'v3' }]);
  });

  it('change notices reach the listener, not the client that committed', async () => {
    const a = await client();
    const shown: string[] = [];
    a.on('notification', (n) => shown.push(n.channel));
    notices.length = 0;
    await a.query(`update t set v = 'x' where id = 4`);
    await a.query('begin');
    await a.query(`insert into t values (100, 'new')`);
    await a.query('commit');
    await db.query(`update t set v = 'y' where id = 5`); // the worker's own write: PGlite tells its listener
    await new Promise((r) => setTimeout(r, 20));
    expect(notices).toEqual(['update', 'insert', 'listen:update']);
    expect(shown).toEqual([]);
    expect((await a.query('select count(*)::int as n from t')).rows).toEqual([{ n: 51 }]);
  });

  it('under load (clients in transactions, failing statements, disconnects, the worker\'s own work) every answer is right and nothing hangs', async () => {
    await db.exec(`create table load (who int, i int, primary key (who, i))`);
    const worker = async () => {
      for (let i = 0; i < 40; i++) expect((await queue.inProcess(() => db.query<{ n: number }>('select $1::int as n', [i]))).rows).toEqual([{ n: i }]);
    };
    const one = async (who: number) => {
      const c = await client();
      c.on('error', () => {});
      for (let i = 0; i < 30; i++) {
        if (i % 3 === 0) {
          await c.query('begin');
          await c.query('insert into load values ($1, $2)', [who, i]);
          // A failing statement inside the transaction: the client keeps its turn until rollback.
          await expect(c.query('insert into load values ($1, $2)', [who, i])).rejects.toThrow(/duplicate key/);
          await c.query('rollback');
        } else {
          await c.query('insert into load values ($1, $2)', [who, i]);
        }
        expect((await c.query('select count(*)::int as n from load where who = $1', [who])).rows).toEqual([{ n: i - Math.floor(i / 3) }]);
      }
      if (who % 2 === 0) {
        // Gone mid-transaction, its insert never lands.
        await c.query('begin');
        await c.query('insert into load values ($1, 999)', [who]);
        c.connection.stream.destroy();
      }
    };
    await Promise.all([worker(), ...[1, 2, 3, 4, 5, 6].map(one)]);
    const last = await client();
    const rows = (await last.query('select who, count(*)::int as n from load group by who order by who')).rows;
    expect(rows).toEqual([1, 2, 3, 4, 5, 6].map((who) => ({ who, n: 20 })));
  }, 60_000);
});
