/**
 * The embedded PostgreSQL's own thread. PGlite runs PostgreSQL as WASM on the thread that
 * owns it, so a long query or an import there would freeze the app's rendering and keys.
 * Here it serves the wire protocol on a Unix socket (the ORM and psql connect to that), and
 * answers the few requests that need PGlite itself: in-process COPY, and a clean close.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest, WorkerStart } from './pgliteProtocol.js';

const port = parentPort!;
const { pgdata, socketPath } = workerData as WorkerStart;

try {
  const [{ PGlite }, { pg_trgm }, { PGLiteSocketServer }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite-socket'),
  ]);
  const db = await PGlite.create(pgdata, { extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, path: socketPath });
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
        // Runs in PGlite's one session: inside the transaction the socket client has open.
        const result = await db.query(req.sql, [], { blob: new Blob([req.data]) });
        return { id: req.id, rows: result.affectedRows ?? 0 };
      }
      case 'query': {
        const result = await db.query<Record<string, unknown>>(req.sql, req.params);
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
