/**
 * The embedded PostgreSQL's own thread. PGlite runs PostgreSQL as WASM on the thread that
 * owns it, so a long query or an import there would freeze the app's rendering and keys.
 * Here it serves the wire protocol on a Unix socket (the ORM, psql and other movies-tui
 * processes connect to that), answers the few requests that need PGlite itself (in-process
 * COPY, the first page, a clean close), and passes the change notices on.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CHANGES_CHANNEL } from './changes.js';
import type { WorkerEvent, WorkerReply, WorkerRequest, WorkerStart } from './pgliteProtocol.js';
import { SocketQueue } from './socketQueue.js';

const port = parentPort!;
/** Each client is a socket and a small buffer; work is queued, so the limit only stops runaways. */
const MAX_CONNECTIONS = 64;
const SHARED_BUFFERS = '16MB';
const { pgdata, socketPath } = workerData as WorkerStart;

try {
  const [{ PGlite }, { pg_trgm }, { PGLiteSocketServer }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite-socket'),
  ]);
  // PostgreSQL's default 128 MB of shared buffers lives in the WASM memory and is all touched at
  // start: 150 MB of RSS in every process on the embedded database. 16 MB read and imported 100k
  // movies as fast here (a page not in them is a read from the OS's cache).
  const db = await PGlite.create(pgdata, { extensions: { pg_trgm }, startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`] });
  const notify = (payload: string) => port.postMessage({ type: 'changed', op: payload } satisfies WorkerEvent);
  // Every client shares this one session, so this LISTEN hears every commit's notice: on the
  // worker's own queries through PGlite, on the clients' through the queue.
  await db.listen(CHANGES_CHANNEL, notify);
  // Other processes on this data dir connect here too (psql, the CLI, a second app).
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: MAX_CONNECTIONS });
  const queue = new SocketQueue(db, CHANGES_CHANNEL, notify);
  (server as unknown as { queryQueue: SocketQueue }).queryQueue = queue;
  await server.start();

  port.on('message', (req: WorkerRequest) => {
    void handle(req).then(
      (reply) => port.postMessage(reply),
      (err: unknown) => {
        const e = err as { message?: string; code?: string };
        port.postMessage({ id: req.id, error: { message: String(e.message ?? err), code: e.code } } satisfies WorkerReply);
      },
    );
  });

  async function handle(req: WorkerRequest): Promise<WorkerReply> {
    switch (req.type) {
      case 'copy': {
        // In PGlite's one session, in the queue's turn: never inside another client's transaction.
        const result = await queue.inProcess(() => db.query(req.sql, [], { blob: new Blob([req.data]) }));
        return { id: req.id, rows: result.affectedRows ?? 0 };
      }
      case 'query': {
        const result = await queue.inProcess(() => db.query<Record<string, unknown>>(req.sql, req.params));
        return { id: req.id, result: result.rows };
      }
      case 'stop':
        await server.stop();
        if (!db.closed) await db.close();
        return { id: req.id };
    }
  }

  port.postMessage({ type: 'ready' });
} catch (err) {
  const e = err as { message?: string; code?: string };
  port.postMessage({ type: 'failed', message: String(e.message ?? err), code: e.code });
}
