/** Messages between the app and the PGlite worker thread (pgliteWorker.ts). */

export interface WorkerStart {
  pgdata: string;
  socketPath: string;
}

export type WorkerRequest =
  | { id: number; type: 'copy'; sql: string; data: Uint8Array }
  | { id: number; type: 'query'; sql: string; params: unknown[] }
  | { id: number; type: 'stop' };

export type WorkerReply = { id: number; rows?: number; result?: Record<string, unknown>[]; error?: { message: string; code?: string } };

/** Told without being asked: started, or not; and each change notice (movie_changes) the session hears. */
export type WorkerEvent = { type: 'ready' } | { type: 'failed'; message: string; code?: string } | { type: 'changed'; op: string };
