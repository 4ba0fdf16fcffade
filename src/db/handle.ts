/**
 * What every open handle on a database knows without a query: its kind, its names, and the
 * live change feed. Database and the app's early handle (appDatabase.ts) both extend it.
 * Loads none of MikroORM.
 */
import { changeFeedFor, type ChangeFeed } from './changes.js';
import type { EmbeddedPostgres } from './embedded.js';
import { databaseName, describeTarget, type Target } from './target.js';

export abstract class DatabaseHandle {
  protected closed = false;
  private feed: ChangeFeed | undefined;

  constructor(
    readonly target: Target,
    protected readonly embedded: EmbeddedPostgres | undefined,
  ) {}

  /** The PID of the process whose embedded database this one uses through its socket. */
  get sharedWith(): number | undefined {
    return this.embedded?.sharedWith;
  }

  get kind(): Target['kind'] {
    return this.target.kind;
  }

  /** The database's own name (the URL's, or the embedded data dir's), typed to confirm a reset. */
  get name(): string {
    return databaseName(this.target);
  }

  /** The project's name (its folder), inside a movies-tui project. */
  get project(): string | undefined {
    return this.target.project?.name;
  }

  /** Masked URL or "embedded (<dir>)" (", shared with PID n" through another's socket): safe to print. */
  get label(): string {
    return describeTarget(this.target, this.sharedWith);
  }

  /** Live changes (and on a server the connection's state), opened on first use. */
  get changes(): ChangeFeed | undefined {
    if (this.closed) return undefined;
    this.feed ??= changeFeedFor(this.target, this.embedded);
    return this.feed;
  }

  /** Stops the change feed, if it was opened. */
  protected async closeFeed(): Promise<void> {
    await this.feed?.close();
  }
}
