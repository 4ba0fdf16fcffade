/**
 * The order in which the embedded database's socket clients (and the worker itself) take
 * PGlite's one session. It replaces pglite-socket's own queue (0.2.17), which ran the worker's
 * own queries inside whatever transaction a client had open, passed the session's change
 * notices to whichever client committed, and stopped serving for good after one failed message.
 *
 * A client keeps its turn while PGlite is in a transaction it began, and until the Sync that
 * ends an extended-protocol batch (pglite#1046: another client's Parse in between would replace
 * its unnamed statement; not seen with node-pg here, whose batches run within one tick, but
 * nothing in pglite-socket prevents it). The worker's own work (in-process COPY, the first page)
 * waits for a turn like a client. Notifications on `channel` are taken out of what the clients
 * receive and handed to `onNotify`: the worker LISTENs in the one session, and PostgreSQL
 * delivers each commit's notice in the output of whoever committed.
 */
import type { PGlite } from '@electric-sql/pglite';

/** The worker's own work, as a client of the queue. */
export const IN_PROCESS = 0;

interface Job {
  handlerId: number;
  /** The frontend message's type byte (0 for the startup message and in-process work). */
  type: number;
  run: () => Promise<void>;
  resolve: () => void;
  reject: (err: Error) => void;
}

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'
const NOTIFICATION = 0x41; // 'A'
/** Messages after which a client holds no turn (unless its transaction is open). */
const ENDS_BATCH = new Set([0, SYNC, QUERY, TERMINATE]);

export class SocketQueue {
  private jobs: Job[] = [];
  private running = false;
  /** The client whose batch or transaction is open: only its messages run. */
  private holder: number | undefined;

  constructor(
    private readonly db: PGlite,
    private readonly channel: string,
    private readonly onNotify: (payload: string) => void,
  ) {}

  /** pglite-socket's handler calls this for each message; its answer goes to onData. */
  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    let bytes = 0;
    const filter = new NotificationFilter(this.channel, this.onNotify, (data) => {
      bytes += data.length;
      onData(data);
    });
    // A startup message has no type byte: its second word is the protocol version.
    const startup = message.length >= 8 && new DataView(message.buffer, message.byteOffset).getInt32(4) === 0x30000;
    const run = async () => {
      await this.db.runExclusive(() => this.db.execProtocolRawStream(message, { onRawData: (d) => filter.push(d) }));
      filter.flush();
    };
    return this.push(handlerId, startup ? 0 : message[0]!, run).then(() => bytes);
  }

  /** Runs `fn` on PGlite in its turn (never inside a client's transaction). */
  inProcess<T>(fn: () => Promise<T>): Promise<T> {
    let result: T;
    return this.push(IN_PROCESS, 0, async () => void (result = await fn())).then(() => result);
  }

  getQueueLength(): number {
    return this.jobs.length;
  }

  clearQueueForHandler(handlerId: number): void {
    const dropped = this.jobs.filter((j) => j.handlerId === handlerId);
    this.jobs = this.jobs.filter((j) => j.handlerId !== handlerId);
    for (const job of dropped) job.reject(new Error('Handler disconnected'));
  }

  /**
   * A client gone: roll back what it left open, in its turn (after its last message, which may
   * still be running, and before anyone else's), so the others go on.
   */
  clearTransactionIfNeeded(handlerId: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // Never fails: the server stops by detaching every client, and PGlite may be closed by then.
      const run = async () => {
        if (this.inTransaction()) await this.db.exec('rollback').catch(() => {});
      };
      this.jobs.unshift({ handlerId, type: 0, run, resolve, reject });
      void this.process();
    });
  }

  private push(handlerId: number, type: number, run: () => Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.jobs.push({ handlerId, type, run, resolve, reject });
      void this.process();
    });
  }

  /** PGlite's session is in a transaction block (never throws: PGlite may be closed meanwhile). */
  private inTransaction(): boolean {
    try {
      return !this.db.closed && this.db.isInTransaction();
    } catch {
      return false;
    }
  }

  private next(): Job | undefined {
    const i = this.holder === undefined ? 0 : this.jobs.findIndex((j) => j.handlerId === this.holder);
    return i < 0 ? undefined : this.jobs.splice(i, 1)[0];
  }

  private async process(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let job = this.next(); job; job = this.next()) {
        try {
          await job.run();
          job.resolve();
        } catch (err) {
          job.reject(err as Error);
        }
        const batchOpen = !ENDS_BATCH.has(job.type);
        this.holder = batchOpen || this.inTransaction() ? job.handlerId : undefined;
      }
    } finally {
      this.running = false;
    }
  }
}

/**
 * Passes backend messages on whole, except notifications on `channel`, which go to onNotify.
 * PGlite hands its output over in pieces that need not end on a message's end.
 */
class NotificationFilter {
  private pending = new Uint8Array(0);
  constructor(
    private readonly channel: string,
    private readonly onNotify: (payload: string) => void,
    private readonly out: (data: Uint8Array) => void,
  ) {}

  push(data: Uint8Array): void {
    const buf = this.pending.length ? concat(this.pending, data) : data;
    let start = 0;
    let at = 0;
    while (buf.length - at >= 5) {
      const size = 1 + new DataView(buf.buffer, buf.byteOffset + at + 1, 4).getInt32(0);
      if (buf.length - at < size) break;
      if (buf[at] === NOTIFICATION) {
        const payload = this.notification(buf.subarray(at + 9, at + size));
        if (payload !== undefined) {
          if (at > start) this.out(buf.subarray(start, at));
          start = at + size;
          this.onNotify(payload);
        }
      }
      at += size;
    }
    if (at > start) this.out(buf.subarray(start, at));
    this.pending = buf.slice(at);
  }

  /** What is left once the message is answered (never a whole message: passed on as it is). */
  flush(): void {
    if (this.pending.length) this.out(this.pending);
    this.pending = new Uint8Array(0);
  }

  /** The payload of a notification on our channel (body: channel\0payload\0), else undefined. */
  private notification(body: Uint8Array): string | undefined {
    const end = body.indexOf(0);
    const decoder = new TextDecoder();
    if (decoder.decode(body.subarray(0, end)) !== this.channel) return undefined;
    return decoder.decode(body.subarray(end + 1, body.indexOf(0, end + 1)));
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
