/**
 * Live changes. On a server one connection of its own LISTENs on `movie_changes`, which a
 * trigger (versions_and_changes) notifies on every insert, update, delete or truncate, by
 * anyone: another movies-tui, psql, a script. The same connection is how the app notices the
 * server going away: it reports that, retries with backoff, and reports when it is back
 * (changes made meanwhile were not heard: whoever listens should read everything again).
 * On the embedded database the owner's worker hears them (EmbeddedChangeFeed). This module loads none of MikroORM.
 */
import type pg from 'pg';
import { connectionProblem } from './errors.js';
import { scrubSecrets } from './secrets.js';
import type { Target } from './target.js';

export type ChangeEvent =
  /** Rows changed (`op`: insert, update, delete or truncate); several in a row may come as one. */
  | { type: 'changed'; op: string }
  /** Another process (a CLI, a second app) applied or rolled back migrations, or reset the database. */
  | { type: 'schema' }
  /** The server cannot be reached; the next attempt is in `retryInMs`. */
  | { type: 'lost'; message: string; retryInMs: number; attempt: number }
  /** Reachable again after a `lost`. */
  | { type: 'restored' };

export interface ChangeFeed {
  /** Returns a function that unsubscribes. */
  subscribe(listener: (event: ChangeEvent) => void): () => void;
  close(): Promise<void>;
}

export const CHANGES_CHANNEL = 'movie_changes';
/**
 * What a process that migrated says on CHANGES_CHANNEL, with its PID (the rows' trigger cannot
 * see DDL, and an event trigger would need a superuser): `schema:<pid>`.
 */
export const SCHEMA_NOTICE = 'schema:';

/** A notice as an event; a process's own schema notice is not news to it. */
function noticeEvent(payload: string): ChangeEvent | undefined {
  if (!payload.startsWith(SCHEMA_NOTICE)) return { type: 'changed', op: payload };
  return payload === `${SCHEMA_NOTICE}${process.pid}` ? undefined : { type: 'schema' };
}
/** Waits between attempts to reconnect: quick at first, then every 8 s at most. */
export const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];
/** A dropped network (no FIN, no RST) is only noticed by asking: every few seconds. */
const HEARTBEAT_MS = 5000;
const TIMEOUT_MS = 3000;

export class ServerChangeFeed implements ChangeFeed {
  private readonly listeners = new Set<(event: ChangeEvent) => void>();
  private client: pg.Client | undefined;
  private closed = false;
  private lost = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly url: string) {
    void this.connect();
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    clearInterval(this.heartbeat);
    this.listeners.clear();
    await this.client?.end().catch(() => {});
  }

  private emit(event: ChangeEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private async connect(): Promise<void> {
    const [{ default: pg }, { sslOptionFor, withoutSslParams }] = await Promise.all([import('pg'), import('./ssl.js')]);
    // A URL whose SSL settings cannot be used (the app's own connection said why): no feed,
    // and never a plaintext one.
    const ssl = await sslOptionFor(this.url).catch(() => undefined);
    if (this.closed || ssl === undefined) return;
    // pg would read the URL's sslmode its own way and override `ssl`: the URL goes without it.
    const client = new pg.Client({ connectionString: withoutSslParams(this.url), ssl, connectionTimeoutMillis: TIMEOUT_MS, query_timeout: TIMEOUT_MS, keepAlive: true });
    let dropped = false;
    const drop = (err: unknown) => {
      if (dropped) return;
      dropped = true;
      void client.end().catch(() => {});
      this.dropped(client, err);
    };
    client.on('error', drop);
    client.on('end', () => drop(new Error('the server closed the connection')));
    client.on('notification', (n) => {
      const event = n.channel === CHANGES_CHANNEL ? noticeEvent(n.payload ?? '') : undefined;
      if (event) this.emit(event);
    });
    try {
      await client.connect();
      await client.query(`listen ${CHANGES_CHANNEL}`);
    } catch (err) {
      drop(err);
      return;
    }
    if (this.closed) return void client.end().catch(() => {});
    this.client = client;
    this.attempt = 0;
    this.heartbeat = setInterval(() => void client.query('select 1').catch(drop), HEARTBEAT_MS);
    this.heartbeat.unref();
    if (this.lost) {
      this.lost = false;
      this.emit({ type: 'restored' });
    }
  }

  private dropped(client: pg.Client, err: unknown): void {
    if (this.client === client) this.client = undefined;
    clearInterval(this.heartbeat);
    if (this.closed) return;
    const retryInMs = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)]!;
    this.attempt++;
    this.lost = true;
    const message = connectionProblem(err) ?? String((err as Error)?.message ?? err).split('\n')[0]!;
    this.emit({ type: 'lost', message: scrubSecrets(message, this.url), retryInMs, attempt: this.attempt });
    this.retry = setTimeout(() => void this.connect(), retryInMs);
    this.retry.unref();
  }
}

/** What the embedded database's owner hears (embedded.ts). */
export interface ChangeSource {
  onChange(listener: (op: string) => void): () => void;
}

/**
 * Live changes on the embedded database, in the process that owns it: its worker's PGlite
 * LISTENs, and every client (this app, psql, another movies-tui through the socket) shares
 * that one session. Nothing to lose: the database lives and dies with this process.
 */
export class EmbeddedChangeFeed implements ChangeFeed {
  private readonly listeners = new Set<(event: ChangeEvent) => void>();
  private readonly stop: () => void;

  constructor(source: ChangeSource) {
    this.stop = source.onChange((op) => {
      const event = noticeEvent(op);
      if (event) for (const listener of this.listeners) listener(event);
    });
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.stop();
    this.listeners.clear();
  }
}

/**
 * The feed for a target: on a server; on the embedded database, in the process that owns it
 * (a process using another's socket hears nothing: the notices go to the owner's session).
 */
export function changeFeedFor(target: Target, embedded?: ChangeSource & { sharedWith?: number }): ChangeFeed | undefined {
  if (target.kind === 'server') return new ServerChangeFeed(target.url);
  return embedded && embedded.sharedWith === undefined ? new EmbeddedChangeFeed(embedded) : undefined;
}
