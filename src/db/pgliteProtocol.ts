/** Messages between the app and the PGlite worker thread (pgliteWorker.ts). */

export interface WorkerStart {
  pgdata: string;
  socketPath: string;
}

export type WorkerRequest =
  | { id: number; type: 'copy'; sql: string; data: Uint8Array }
  | { id: number; type: 'stop' };

export type WorkerReply = { id: number; rows?: number; error?: { message: string; code?: string } };

export type WorkerEvent = { type: 'ready' } | { type: 'failed'; message: string; code?: string };
