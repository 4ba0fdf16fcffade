/**
 * What the UI sees of the database: plain data and small service interfaces.
 * Type-only; importing it pulls in no MikroORM at run time.
 */
import type { DatabaseInfo } from './catalog.js';
import type { CreatedMigration, DriftReport, MigrationPlan, MigrationState } from './migrations.js';
import type { MigrationRisk } from './risks.js';
import type { Movie } from './movie.js';
import type { Count, Cursor, Page, PageQuery, SortDirection, SortField } from './reader.js';
import type { SeedResult } from './seeds.js';
import type { BulkLoad } from './bulk.js';
import type { ChangeEvent, ChangeFeed } from './changes.js';
import type { MovieInput } from './validation.js';
import type { ModelColumn } from './columns.js';
import type { ColumnComparison, ModelApi, ModelListener, ModelState } from './model.js';

export type { ColumnInfo, DatabaseInfo, HistoryRow, IndexInfo } from './catalog.js';
export type { CreatedMigration, DriftReport, MigrationPlan, MigrationRisk, MigrationState, Count, Cursor, Movie, Page, PageQuery, SeedResult, SortDirection, SortField, MovieInput, BulkLoad, ChangeEvent, ChangeFeed, ModelColumn, ColumnComparison, ModelApi, ModelListener, ModelState };

export interface MovieService {
  list(query?: PageQuery): Promise<Page>;
  /** `signal`: stops the count when it fires (a newer search made it stale). */
  count(search?: string, signal?: AbortSignal): Promise<Count>;
  get(id: number): Promise<Movie>;
  create(input: MovieInput): Promise<Movie>;
  /** Saves only if the movie is still at version `expected` (when given); else ConflictError or GoneError. */
  update(id: number, patch: MovieInput, expected?: number): Promise<Movie>;
  delete(id: number, expected?: number): Promise<Movie>;
  tableExists(): Promise<boolean>;
  /** The model's columns beyond the course's that the live table has, in model order: what forms, lists and files show. */
  modelColumns(): Promise<ModelColumn[]>;
  hasMpa(): Promise<boolean>;
  cursorOf(movie: Movie, sort?: SortField): Cursor;
  startBulkLoad(): Promise<BulkLoad>;
}

export interface MigrationApi {
  status(): Promise<MigrationState[]>;
  plan(name: string, direction?: 'up' | 'down'): Promise<MigrationPlan>;
  /** What up(to) would run, with its risks, before it runs. */
  planUp(to?: string): Promise<MigrationPlan[]>;
  /** What down(to) would run, with its risks, before it runs. */
  planDown(to?: string): Promise<MigrationPlan[]>;
  up(to?: string): Promise<string[]>;
  down(to?: string): Promise<string[]>;
  check(): Promise<DriftReport>;
  /** Writes a migration named from `message` from the model's difference, pending at once; undefined when there is none. */
  create(message: string): Promise<CreatedMigration | undefined>;
  /** The migration's source file when it can be edited here, else undefined (a migration built into the installed package). */
  fileOf(name: string): Promise<string | undefined>;
}

export interface SeedApi {
  run(): Promise<SeedResult>;
  /** The project's seed file (seeds/movies.ts) to edit, or undefined (outside a project the course's built-in seed runs). */
  file(): Promise<string | undefined>;
}

/** An open database as the app uses it. `Database` implements it; so can a test double of the real thing. */
export interface DatabaseApi {
  readonly kind: 'server' | 'embedded';
  /** Masked URL or "embedded (<dir>)". */
  readonly label: string;
  /** What the user types to confirm a reset. */
  readonly name: string;
  /** The project's name (its folder), inside a movies-tui project. */
  readonly project?: string;
  /** The PID of the process whose embedded database this one uses through its socket. */
  readonly sharedWith?: number;
  readonly movies: MovieService;
  readonly migrations: MigrationApi;
  readonly seeds: SeedApi;
  /** The model beside the live table; a project's model edited and reloaded (model.ts). */
  readonly model: ModelApi;
  /** Changes made by anyone, and whether the server is reachable; undefined on the embedded database. */
  readonly changes?: ChangeFeed;
  info(): Promise<DatabaseInfo>;
  reset(): Promise<string[]>;
  close(): Promise<void>;
}
