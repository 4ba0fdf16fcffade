import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DatabaseInUseError, UserError } from './errors.js';
import { DataDirLock, lockPath, readLock } from './lock.js';
import { packageRoot } from './paths.js';
import { assertWritable, makePrivateDir } from './privateDir.js';
import type { WorkerEvent, WorkerReply, WorkerRequest, WorkerStart } from './pgliteProtocol.js';

/** PostgreSQL's default port: the socket file is <dir>/.s.PGSQL.5432, as libpq expects. */
export const SOCKET_PORT = 5432;

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** How long a process joining another's embedded database waits for its socket to answer. */
const JOIN_TIMEOUT_MS = 3000;

/**
 * The embedded PostgreSQL: a PGlite cluster in `<dataDir>/pgdata`, run in a worker thread
 * (so its work never blocks the app's thread) and served over the wire protocol on a Unix
 * socket in a fresh private (0700) directory, so the same pg driver (and psql) reach it as
 * they reach a server, with no TCP port open.
 *
 * One process owns a data dir (lock.ts). Another process on the same dir joins the owner's
 * socket instead (`sharedWith` is then the owner's PID): it has no worker and no lock, and
 * what needs PGlite itself (in-process COPY, the change notices) is the owner's alone.
 */
export class EmbeddedPostgres {
  private stopped = false;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>();
  private readonly changeListeners = new Set<(op: string) => void>();

  private constructor(
    readonly dataDir: string,
    readonly socketDir: string,
    private readonly lock: DataDirLock | undefined,
    private readonly worker: Worker | undefined,
    readonly created: boolean,
    /** The PID of the process whose database this one uses through its socket. */
    readonly sharedWith?: number,
  ) {
    worker?.on('message', (message: WorkerReply | WorkerEvent) => {
      if ('type' in message) {
        if (message.type === 'changed') for (const listener of this.changeListeners) listener(message.op);
        return;
      }
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      waiter?.resolve(message);
    });
    worker?.on('exit', () => {
      for (const waiter of this.pending.values()) waiter.reject(new Error('the embedded database stopped'));
      this.pending.clear();
    });
  }

  /** `onStep` hears when this start creates the database (initdb: the first run's few seconds). */
  static async start(dataDir: string, onStep?: (step: string) => void): Promise<EmbeddedPostgres> {
    assertWritable(dataDir, 'the data directory');
    makePrivateDir(dataDir);
    // PGlite needs to write its own files (a checkpoint, the WAL) even to open them.
    assertWritable(join(dataDir, 'pgdata'), 'the embedded database');
    let lock: DataDirLock;
    try {
      lock = DataDirLock.acquire(dataDir);
    } catch (err) {
      if (err instanceof DatabaseInUseError) return EmbeddedPostgres.join(dataDir, err);
      throw err;
    }
    let worker: Worker | undefined;
    try {
      const socketDir = mkdtempSync(join(tmpdir(), 'movies-tui-'));
      chmodSync(socketDir, 0o700);
      lock.update({ socketDir });
      const pgdata = join(dataDir, 'pgdata');
      // The first run is done once its migrations are applied: a first run stopped before that
      // (Ctrl+C during initdb) leaves this file, and the next start finishes the job.
      const unfinished = existsSync(firstRunMark(dataDir));
      const created = unfinished || !existsSync(join(pgdata, 'PG_VERSION'));
      if (created && !unfinished) writeFileSync(firstRunMark(dataDir), `${process.pid}\n`, { mode: 0o600 });
      if (created) onStep?.(`creating the embedded database (first run only: a few seconds) in ${dataDir}…`);
      const start: WorkerStart = { pgdata, socketPath: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`) };
      // A worker would inherit node's flags, and refuses many of them (--input-type, --expose-gc, …); it needs none.
      worker = new Worker(workerFile(), { workerData: start, execArgv: [] });
      await started(worker);
      // Both get the umask's modes; the directories around them are private already, but say so twice.
      makePrivateDir(pgdata);
      chmodSync(start.socketPath, 0o600);
      return new EmbeddedPostgres(dataDir, socketDir, lock, worker, created);
    } catch (err) {
      await worker?.terminate().catch(() => {});
      lock.release();
      throw err;
    }
  }

  /**
   * Another live process holds the data dir: use its database through its socket, if it
   * answers there; else refuse as `inUse` says (it is starting, stopping, or not movies-tui).
   */
  private static async join(dataDir: string, inUse: DatabaseInUseError): Promise<EmbeddedPostgres> {
    const socketDir = readLock(lockPath(dataDir))?.socketDir;
    if (!socketDir || !existsSync(join(socketDir, `.s.PGSQL.${SOCKET_PORT}`))) throw inUse;
    const { default: pg } = await import('pg');
    const client = new pg.Client({ ...socketSettings(socketDir), connectionTimeoutMillis: JOIN_TIMEOUT_MS });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('select 1');
    } catch {
      throw inUse;
    } finally {
      await client.end().catch(() => {});
    }
    return new EmbeddedPostgres(dataDir, socketDir, undefined, undefined, false, inUse.pid);
  }

  /** Change notices (movie_changes) from every session on this database; the owner's alone hears them. */
  onChange(listener: (op: string) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /**
   * `COPY ... FROM '/dev/blob'` with `data` as the file, run by PGlite itself: COPY FROM STDIN
   * does not work over its socket. It runs in PGlite's one session, when no other client
   * has a transaction open. Returns the rows copied.
   */
  async copyFrom(sql: string, data: Uint8Array): Promise<number> {
    const reply = await this.request({ type: 'copy', sql, data });
    return reply.rows ?? 0;
  }

  /** A read straight through PGlite (`$1` placeholders), without the socket or the ORM: for the app's first page. */
  async query(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
    return (await this.request({ type: 'query', sql, params })).result ?? [];
  }

  private request(req: Request): Promise<WorkerReply> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new UserError(`this needs the embedded database's own process (PID ${this.sharedWith}): run it there, or quit that movies-tui first`));
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...req, id } as WorkerRequest);
    }).then((reply) => {
      if (reply.error) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
      return reply;
    });
  }

  /** Stops serving, closes the cluster cleanly (a checkpoint), removes the socket, releases the lock. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (!this.worker) return;
    try {
      this.worker.ref();
      await this.request({ type: 'stop' });
      await this.worker.terminate();
    } finally {
      this.abandon();
    }
  }

  /**
   * For tools that never close what they open (the MikroORM CLI): let the process end once
   * nothing else is left to do, and close the database cleanly at that moment.
   */
  closeWhenIdle(): void {
    this.worker?.unref();
    process.once('beforeExit', () => void this.stop());
  }

  /** For exit paths that cannot wait: drops the socket dir and the lock; PGlite recovers like after a crash. */
  /** The first run's migrations are applied: the next start is an ordinary one. */
  firstRunDone(): void {
    rmSync(firstRunMark(this.dataDir), { force: true });
  }

  abandon(): void {
    this.lock?.release();
  }
}

/** Present from the start of a first run until its migrations are applied (firstRunDone). */
const firstRunMark = (dataDir: string) => join(dataDir, 'first-run.unfinished');

/** pg's settings for the embedded database's socket: one database, postgres, no password. */
export function socketSettings(socketDir: string) {
  return { host: socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres' };
}

/** The worker's compiled script: beside this module (the build, the bundle), or in the build when running from sources (tests). */
function workerFile(): URL | string {
  const beside = new URL('./pgliteWorker.js', import.meta.url);
  return existsSync(beside) ? beside : join(packageRoot, 'dist/src/db/pgliteWorker.js');
}

function started(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`the embedded database could not start (worker exited with ${code})`));
    worker.once('error', reject);
    worker.once('exit', onExit);
    worker.once('message', (event: WorkerEvent) => {
      worker.off('error', reject);
      worker.off('exit', onExit);
      if (event.type === 'ready') resolve();
      else if (event.type === 'failed') reject(Object.assign(new Error(event.message), { code: event.code }));
    });
  });
}
