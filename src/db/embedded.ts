import { chmodSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DataDirLock } from './lock.js';

/** PostgreSQL's default port: the socket file is <dir>/.s.PGSQL.5432, as libpq expects. */
export const SOCKET_PORT = 5432;

/**
 * The embedded PostgreSQL: a PGlite cluster in `<dataDir>/pgdata`, served over the
 * wire protocol on a Unix socket in a fresh private (0700) directory, so the same
 * pg driver (and psql) reach it as they reach a server, with no TCP port open.
 */
export class EmbeddedPostgres {
  private stopped = false;

  private constructor(
    readonly dataDir: string,
    readonly socketDir: string,
    private readonly lock: DataDirLock,
    private readonly pg: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly created: boolean,
  ) {}

  get pgdata(): string {
    return join(this.dataDir, 'pgdata');
  }

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const lock = DataDirLock.acquire(dataDir);
    let pg: PGlite | undefined;
    try {
      const socketDir = mkdtempSync(join(tmpdir(), 'movies-tui-'));
      chmodSync(socketDir, 0o700);
      lock.update({ socketDir });
      const pgdata = join(dataDir, 'pgdata');
      const created = !existsSync(join(pgdata, 'PG_VERSION'));
      const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
        import('@electric-sql/pglite'),
        import('@electric-sql/pglite-socket'),
      ]);
      pg = await PGlite.create(pgdata);
      const server = new PGLiteSocketServer({ db: pg, path: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`) });
      await server.start();
      return new EmbeddedPostgres(dataDir, socketDir, lock, pg, server, created);
    } catch (err) {
      await pg?.close().catch(() => {});
      lock.release();
      throw err;
    }
  }

  /** Stops serving, closes the cluster cleanly (a checkpoint), removes the socket, releases the lock. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    try {
      await this.server.stop();
      if (!this.pg.closed) await this.pg.close();
    } finally {
      this.abandon();
    }
  }

  /**
   * For tools that never close what they open (the MikroORM CLI): let the process end once
   * nothing else is left to do, and close the database cleanly at that moment.
   */
  closeWhenIdle(): void {
    // The socket server's net.Server is private; unref it so it alone does not keep the process alive.
    (this.server as unknown as { server?: { unref(): void } }).server?.unref();
    process.once('beforeExit', () => void this.stop());
  }

  /** For exit paths that cannot wait: drops the socket dir and the lock; PGlite recovers like after a crash. */
  abandon(): void {
    this.lock.release();
  }
}
