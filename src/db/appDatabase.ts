/**
 * The app's database handle, usable before MikroORM has loaded. MikroORM takes about half a
 * second to load; the first page of movies needs one query. So the app reads its first
 * pages through a plain connection (pg on a server, PGlite itself on the embedded database)
 * while the ORM loads and connects; from then on everything goes through the ORM.
 * This module loads none of MikroORM.
 */
import type { Database, OpenOptions } from './database.js';
import type { EmbeddedPostgres } from './embedded.js';
import { DatabaseHandle } from './handle.js';
import { openDatabase, startEmbedded } from './open.js';
import { plainConnectionFor, type PlainConnection } from './plainConnection.js';
import { MovieReader } from './reader.js';
import type { Target } from './target.js';
import { seedFileOf } from './project.js';
import type { DatabaseApi, MigrationApi, ModelApi, MovieService, SeedApi } from './types.js';

/** The plain connection the first pages are read through, or PGlite itself. */
type Early = PlainConnection;

export async function openForApp(target: Target, options: OpenOptions = {}): Promise<DatabaseApi & { abandon(): void }> {
  const starting = startEmbedded(target, options.onStep);
  let full: Promise<Database> | undefined;
  const load = () => {
    full ??= openDatabase(target, options, starting);
    full.catch(() => {}); // awaited by whoever needs it
    return full;
  };
  let early: Early | undefined;
  let embedded: EmbeddedPostgres | undefined;
  try {
    embedded = await starting;
    early = await plainConnectionFor(target, embedded);
  } catch {
    // The ORM's attempt reports why it cannot connect, in a line the user can act on.
  }
  if (!early) return load();
  return new AppDatabase(target, early, load, embedded);
}

/**
 * Loading MikroORM blocks this thread for about half a second; it starts once the first page
 * is on screen (or at the first write, or after this long if no page is asked for), so it
 * never delays the first rows.
 */
const LOAD_ORM_AFTER_MS = 1000;

/**
 * Reads go through the early connection until the ORM is ready; writes, seeds and resets start
 * the ORM and wait for it; migrations and info wait for it without starting it.
 */
class AppDatabase extends DatabaseHandle implements DatabaseApi {
  readonly movies: MovieService;
  readonly migrations: MigrationApi;
  readonly seeds: SeedApi;
  readonly model: ModelApi;
  private ready: Database | undefined;
  private started: Promise<Database> | undefined;
  /** Resolves once the ORM is loaded and connected; does not itself start that. */
  private readonly full: Promise<Database>;
  private resolveFull!: (db: Promise<Database>) => void;
  private readonly timer: NodeJS.Timeout;
  private readonly reader: MovieReader;
  /** Reads begun on the early connection finish there (each may take a few queries). */
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(
    target: Target,
    private readonly early: Early,
    private readonly load: () => Promise<Database>,
    embedded: EmbeddedPostgres | undefined,
  ) {
    super(target, embedded);
    this.full = new Promise<Database>((resolve) => (this.resolveFull = resolve));
    this.full.then((db) => (this.ready = db)).catch(() => {}).finally(() => this.retireEarly());
    this.timer = setTimeout(() => void this.start(), LOAD_ORM_AFTER_MS);
    this.timer.unref();

    const reader = (this.reader = new MovieReader(early.run));
    const store = () => this.start().then((db) => db.movies);
    this.movies = {
      list: (q) => this.read((m) => m.list(q), true),
      count: (s, signal) => this.read((m) => m.count(s, signal)),
      get: (id) => this.read((m) => m.get(id)),
      tableExists: () => this.read((m) => m.tableExists()),
      // The model is MikroORM's metadata (a project's is loaded with jiti): it waits for the full database.
      modelColumns: async () => (await store()).modelColumns(),
      hasMpa: () => this.read((m) => m.hasMpa()),
      cursorOf: (m, sort) => reader.cursorOf(m, sort),
      create: async (input) => (await store()).create(input),
      update: async (id, patch, expected) => (await store()).update(id, patch, expected),
      delete: async (id, expected) => (await store()).delete(id, expected),
      startBulkLoad: async () => (await store()).startBulkLoad(),
    };
    const migrations = () => this.full.then((db) => db.migrations);
    this.migrations = {
      status: async () => (await migrations()).status(),
      plan: async (name, direction) => (await migrations()).plan(name, direction),
      planUp: async (to) => (await migrations()).planUp(to),
      planDown: async (to) => (await migrations()).planDown(to),
      up: async (to) => (await migrations()).up(to),
      down: async (to) => (await migrations()).down(to),
      check: async () => (await migrations()).check(),
      create: async (message) => (await migrations()).create(message),
      fileOf: async (name) => (await migrations()).fileOf(name),
    };
    this.seeds = { run: async () => (await this.start()).seeds.run(), file: async () => seedFileOf(target.project) };
    const model = () => this.start().then((db) => db.model);
    this.model = {
      state: async () => (await model()).state(),
      add: async (column) => (await model()).add(column),
      drop: async (name) => (await model()).drop(name),
      rename: async (from, to) => (await model()).rename(from, to),
      reload: async () => (await model()).reload(),
      onChange: (listener) => {
        let off: (() => void) | undefined;
        let gone = false;
        this.full.then((db) => !gone && (off = db.model.onChange(listener)), () => {});
        return () => {
          gone = true;
          off?.();
        };
      },
    };
  }

  /** Loads and connects the ORM (once). */
  private start(): Promise<Database> {
    if (!this.started && !this.closed) {
      clearTimeout(this.timer);
      this.started = this.load();
      this.resolveFull(this.started);
    }
    return this.full;
  }

  private read<T>(f: (movies: MovieReader) => Promise<T>, page = false): Promise<T> {
    if (this.ready) return f(this.ready.movies);
    const p = f(this.reader);
    this.inflight.add(p);
    const done = () => {
      this.inflight.delete(p);
      // A page is on its way to the screen: let it paint, then load the ORM.
      if (page) setTimeout(() => void this.start(), 20);
    };
    void p.then(done, done);
    return p;
  }

  private retireEarly(): void {
    void Promise.allSettled([...this.inflight]).then(() => this.early.close());
  }

  async info() {
    return (await this.full).info();
  }

  async reset() {
    return (await this.start()).reset();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.closeFeed();
    await this.early.close();
    if (!this.started) {
      await this.embedded?.stop();
      return;
    }
    const db = await this.started.catch(() => undefined);
    await db?.close();
  }

  abandon(): void {
    if (this.ready) this.ready.abandon();
    else this.embedded?.abandon();
  }
}
