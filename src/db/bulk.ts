/**
 * Bulk loading for imports: validated movies are COPYed into a temporary staging table,
 * then moved into `movie` by one INSERT ... SELECT that skips movies already stored (same
 * title ignoring case, same year) and repeats within the file. Nothing reaches `movie`
 * until that one statement commits; abort() leaves the table as it was.
 *
 * On a server the COPY streams over the import's own connection (COPY FROM STDIN). The
 * embedded database cannot take COPY FROM STDIN over its socket, so chunks go to PGlite
 * itself (its in-process COPY, in the worker thread) while the app's connection stays free;
 * a process using another's embedded database through its socket cannot import.
 */
import { Writable } from 'node:stream';
import { once } from 'node:events';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EmbeddedPostgres } from './embedded.js';
import { ConnectionLostError, connectionProblem, UserError } from './errors.js';
import { INPUT_COLUMN_TYPES, inputColumnNames, INPUT_COLUMNS } from './movie.js';
import { sqlTypeOf, type ColumnValue, type ModelColumn } from './columns.js';
import { ident } from './extraColumns.js';
import type { MovieData } from './validation.js';

export interface BulkLoad {
  /** Stages validated movies, in file order. */
  add(movies: MovieData[]): Promise<void>;
  /** Moves the staged movies into the table in one statement; returns how many were new. */
  commit(): Promise<number>;
  /** Drops everything staged; the table is untouched. */
  abort(): Promise<void>;
}

// The staging table: the file's row number, then the movie's fields in table order, then the
// model's other columns, each with a flag `given_<i>` when it has a default: a row that leaves
// such a column out gets the default, not null.
const stageColumns = (extras: readonly ModelColumn[]) => `(n, ${[...INPUT_COLUMNS.map((c) => c.name), ...extras.flatMap(extraStage)].join(', ')})`;
const stageTypes = (extras: readonly ModelColumn[]) =>
  `(n bigint not null, ${[INPUT_COLUMN_TYPES, ...extras.flatMap((c, i) => [`${ident(c.name)} ${sqlTypeOf(c)}`, ...(c.default === undefined ? [] : [`given_${i} boolean`])])].join(', ')})`;
const extraStage = (c: ModelColumn, i: number) => [ident(c.name), ...(c.default === undefined ? [] : [`given_${i}`])];
// Rows are sent to the database in chunks of about this many bytes.
const CHUNK_BYTES = 4 << 20;
let stageCount = 0;

// Server loads hold a pool connection in an open transaction; closing the ORM would wait for
// it forever (Ctrl+C during an import hung). Database.close() rolls them back first.
const openLoads = new WeakMap<MikroORM, Set<() => Promise<void>>>();

/** Rolls back every unfinished load on this ORM (nothing of them reaches movie). */
export async function abortBulkLoads(orm: MikroORM): Promise<void> {
  const aborts = [...(openLoads.get(orm) ?? [])];
  await Promise.allSettled(aborts.map((abort) => abort()));
}

/** Starts a bulk load on a server (own connection, one transaction) or on the embedded database. */
export async function startBulkLoad(orm: MikroORM, embedded: EmbeddedPostgres | undefined, withMpa: boolean, extras: readonly ModelColumn[] = []): Promise<BulkLoad> {
  // The in-process COPY is the owner's: through its socket COPY fails (pglite#911), and a
  // load row by row would hold every other client of that one session for the whole file.
  if (embedded?.sharedWith !== undefined) {
    throw new UserError(`an import into the embedded database runs in the process that has it open (PID ${embedded.sharedWith}): import from that movies-tui (Data screen), or quit it and run this again`);
  }
  const stage = `movie_import_${process.pid}_${++stageCount}`;
  const create = `create temp table ${stage} ${stageTypes(extras)}`;
  const copy = `copy ${stage} ${stageColumns(extras)} from ${embedded ? `'/dev/blob'` : 'stdin'} with (format csv)`;
  const em = orm.em.fork() as EntityManager;
  const [uniq] = await em.execute(`select to_regclass('movie_title_year_unique') is not null as present`);
  const insert = insertSql(stage, withMpa, Boolean(uniq?.present), extras);
  const encode = (n: number, m: MovieData) => encodeRow(n, m, extras);
  if (embedded) return embeddedLoad(em, embedded, stage, create, copy, insert, encode);
  const loads = openLoads.get(orm) ?? new Set();
  openLoads.set(orm, loads);
  return serverLoad(em, create, copy, insert, loads, encode);
}

/**
 * With the unique index, ON CONFLICT DO NOTHING skips both stored movies and repeats within
 * the file. Without it (the migration rolled back), the query finds them itself.
 */
function insertSql(stage: string, withMpa: boolean, uniqueIndex: boolean, extras: readonly ModelColumn[]): string {
  const cols = inputColumnNames(withMpa);
  const list = [...cols, ...extras.map((c) => ident(c.name))].join(', ');
  const given = (c: ModelColumn, i: number) => (c.default === undefined ? `s.${ident(c.name)}` : `case when s.given_${i} then s.${ident(c.name)} else ${c.default} end`);
  const picked = [...cols.map((c) => `s.${c}`), ...extras.map(given)].join(', ');
  if (uniqueIndex) return `insert into movie (${list}) select ${picked} from ${stage} s order by s.n on conflict do nothing`;
  return `insert into movie (${list})
    select ${picked} from (select *, row_number() over (partition by lower(title), year order by n) as k from ${stage}) s
     where s.k = 1 and not exists (select 1 from movie m where lower(m.title) = lower(s.title) and m.year = s.year)
     order by s.n`;
}

/** Buffers encoded rows and hands them on in chunks. */
class Chunker {
  private parts: string[] = [];
  private bytes = 0;
  private n = 0;
  constructor(
    private readonly send: (chunk: Buffer) => Promise<void>,
    private readonly encode: (n: number, m: MovieData) => string,
  ) {}

  async add(movies: MovieData[]): Promise<void> {
    for (const m of movies) {
      const line = this.encode(++this.n, m);
      this.parts.push(line);
      this.bytes += line.length;
    }
    if (this.bytes >= CHUNK_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.bytes = 0;
    await this.send(chunk);
  }
}

type Encode = (n: number, m: MovieData) => string;

function embeddedLoad(em: EntityManager, embedded: EmbeddedPostgres, stage: string, create: string, copy: string, insert: string, encode: Encode): Promise<BulkLoad> {
  const drop = () => em.execute(`drop table if exists ${stage}`).then(() => undefined);
  const chunker = new Chunker(async (chunk) => void (await embedded.copyFrom(copy, chunk)), encode);
  return em.execute(create).then(() => ({
    add: (movies) => chunker.add(movies),
    async commit() {
      await chunker.flush();
      try {
        const conn = em.getConnection();
        return await conn.transactional(async (trx) => {
          const result = (await conn.execute(insert, [], 'run', trx)) as { affectedRows?: number };
          // PGlite has no autovacuum, so nothing else gathers the table's statistics. Without them
          // the planner misjudges a rare search on a big table: it walks the title index through
          // every row (0.26 s on 100k) instead of using the trigram indexes (3 ms). Before the
          // commit: the open app's list re-reads its rows at the commit's notice, and behind an
          // ANALYZE after it a key waited 80-110 ms (keys during an import, bench).
          await conn.execute('analyze movie', [], 'run', trx);
          return result.affectedRows ?? 0;
        });
      } finally {
        await drop();
      }
    },
    abort: drop,
  }));
}

interface PgClient {
  query(text: string): Promise<{ rowCount: number | null }>;
  query<T extends Writable>(stream: T): T;
}

async function serverLoad(em: EntityManager, create: string, copy: string, insert: string, loads: Set<() => Promise<void>>, encode: Encode): Promise<BulkLoad> {
  const knex = em.getConnection().getKnex();
  const client = (await knex.client.acquireConnection()) as PgClient;
  let released = false;
  let registered: (() => Promise<void>) | undefined;
  const release = () => {
    if (released) return;
    released = true;
    if (registered) loads.delete(registered);
    knex.client.releaseConnection(client);
  };
  try {
    await client.query('begin');
    // The final INSERT sorts the staged rows back into file order.
    await client.query(`set local work_mem = '256MB'`);
    await client.query(`${create} on commit drop`);
  } catch (err) {
    await client.query('rollback').catch(() => {});
    release();
    throw err;
  }
  const { from } = await import('pg-copy-streams');
  const stream = client.query(from(copy));
  // A lost connection errors the stream whether or not a write is waiting: without a listener
  // that is an uncaught 'error' event (the process died). The failure surfaces in the next write.
  // pg-copy-streams emits it without destroying the stream and drops its connection: the next
  // write or destroy() would then throw a TypeError, so failure is tracked here.
  let failure: Error | undefined;
  stream.on('error', (err: Error) => (failure ??= err));
  const finished = once(stream, 'finish');
  finished.catch(() => {}); // awaited in commit(); a failure before that surfaces in the next write
  const chunker = new Chunker(async (chunk) => {
    if (failure) throw failure;
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), finished]);
  }, encode);
  const rollback = async () => {
    if (released) return;
    // Destroying sends CopyFail over the connection; once the stream has failed (the connection
    // is gone) pg-copy-streams has dropped it and would throw, so only a healthy COPY is cancelled.
    if (!failure && !stream.destroyed) stream.destroy();
    await client.query('rollback').catch(() => {});
    release();
  };
  loads.add((registered = rollback));
  return {
    add: (movies) => chunker.add(movies),
    async commit() {
      try {
        await chunker.flush();
        stream.end();
        await finished;
        const result = await client.query(insert);
        try {
          await client.query('commit');
        } catch (err) {
          // Lost after COMMIT was sent, the server may or may not have committed it: say so.
          if (connectionProblem(err)) throw new ConnectionLostError('the import may or may not have been saved: look before importing again', err);
          throw err;
        }
        release();
        return result.rowCount ?? 0;
      } catch (err) {
        await rollback();
        throw err;
      }
    },
    abort: rollback,
  };
}

/** One staged row as CSV, in STAGE_COLUMNS order: directors as a PostgreSQL array literal, every text quoted, null empty. */
export function encodeRow(n: number, m: MovieData, extras: readonly ModelColumn[] = []): string {
  const course = INPUT_COLUMNS.map((c) => encodeField(m[c.name], c.sqlType));
  const more = extras.flatMap((c) => {
    const value = m.extra?.[c.name];
    const text = encodeField(value ?? null, c.kind === 'text' || c.kind === 'varchar' ? 'text' : c.kind);
    return c.default === undefined ? [text] : [text, value === undefined ? 'f' : 't'];
  });
  return `${n},${[...course, ...more].join(',')}\n`;
}

function encodeField(value: MovieData[keyof MovieData] | ColumnValue, sqlType: string): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return csvQuote(`{${value.map((d) => `"${d.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`);
  return sqlType === 'text' ? csvQuote(String(value)) : String(value);
}

const csvQuote = (s: string) => `"${s.replace(/"/g, '""')}"`;
