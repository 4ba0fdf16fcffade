/**
 * The model in use, as the Model screen sees it: its columns beside the live table's, edits of
 * a project's model file (modelEdit.ts), and reloading it when it changes on disk. A reload
 * rediscovers the Movie entity in the open ORM, so everything after it (migrate create, drift,
 * the model's columns) follows the new model; a model that does not load leaves the last good
 * one in use and says why, with the file's line and column.
 */
import { readFileSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { EntitySchema, MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readCatalog, type ColumnInfo } from './catalog.js';
import { COURSE_COLUMNS, type ModelColumn } from './columns.js';
import { UserError } from './errors.js';
import { addColumn, dropColumn, propertyPosition, renameColumn } from './modelEdit.js';
import { projectPath, type Project } from './project.js';

/** One column, as the model has it and as the live table has it. */
export interface ColumnComparison {
  name: string;
  /** "integer null default 0"; undefined when the model lacks it. */
  model?: string;
  /** The live table's, the same way; undefined when the table lacks it. */
  live?: string;
  /**
   * = the same; + in the model only (a migration adds it); - in the database only (a migration
   * drops it); ~ both, with another type or nullability; > renamed in the model from `from`.
   */
  mark: '=' | '+' | '-' | '~' | '>';
  /** For a rename: the database's name of the column. */
  from?: string;
  course: boolean;
}

export interface ModelState {
  /** The model file as the user types it (model/movie.ts); undefined outside a project (the built-in model is fixed). */
  file?: string;
  /** The model file's absolute path, for $EDITOR. */
  path?: string;
  columns: ColumnComparison[];
  /** Why the file on disk is not the model in use ("model/movie.ts:21:22: …"), until it loads again. */
  error?: string;
  /** Whether the movie table exists (the migrations are applied). */
  table: boolean;
}

/** Told after every reload of the model file: its error, if it did not load. */
export type ModelListener = (change: { error?: string }) => void;

export interface ModelApi {
  state(): Promise<ModelState>;
  add(column: ModelColumn): Promise<void>;
  drop(name: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Reads the model file again (after $EDITOR, or on r). */
  reload(): Promise<{ error?: string }>;
  /** Watches the model file while someone listens; returns the unsubscribe. */
  onChange(listener: ModelListener): () => void;
}

/** A change on disk is read once it has been quiet this long (an editor writes in several steps). */
const DEBOUNCE_MS = 150;

export class ModelService implements ModelApi {
  private error: string | undefined;
  /** The text of the model in use: a change event whose text is this one is no change. */
  private loaded: string | undefined;
  private readonly listeners = new Set<ModelListener>();
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<{ error?: string }> | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly project: Project | undefined,
    /** The project's entities, read fresh from its file (projectModel.ts). */
    private readonly loadEntities: (project: Project) => Promise<EntitySchema[]>,
    /** The shape the reader and forms cached is stale after a reload. */
    private readonly onReload: () => void,
  ) {
    if (project) this.loaded = readText(project.model);
  }

  async state(): Promise<ModelState> {
    const conn = (this.orm.em as EntityManager).getConnection();
    const { columns: live } = await readCatalog((sql, params = []) => conn.execute(sql, params));
    const file = this.project && { file: projectPath(this.project, this.project.model), path: this.project.model };
    return { ...file, columns: compare(modelProperties(this.orm), live), ...(this.error ? { error: this.error } : {}), table: live.length > 0 };
  }

  add(column: ModelColumn): Promise<void> {
    return this.edit((source) => addColumn(source, column));
  }

  drop(name: string): Promise<void> {
    return this.edit((source) => dropColumn(source, name));
  }

  rename(from: string, to: string): Promise<void> {
    return this.edit((source) => renameColumn(source, from, to));
  }

  /** Writes the edit, then loads it; if it does not load, the file is put back as it was. */
  private async edit(change: (source: string) => string): Promise<void> {
    const project = this.fixedOutsideProject();
    const before = readText(project.model);
    const after = change(before);
    writeFileSync(project.model, after);
    const { error } = await this.reload();
    if (error) {
      writeFileSync(project.model, before);
      await this.reload();
      throw new UserError(`${error}; the model file was left as it was`);
    }
  }

  private fixedOutsideProject(): Project {
    if (!this.project) throw new UserError('the built-in model is fixed: make a project with movies-tui init DIR, then run movies-tui inside it');
    return this.project;
  }

  async reload(): Promise<{ error?: string }> {
    // One at a time: a change seen during a reload is read after it.
    while (this.reloading) await this.reloading.catch(() => {});
    this.reloading = this.load().finally(() => (this.reloading = undefined));
    const result = await this.reloading;
    for (const l of [...this.listeners]) l(result);
    return result;
  }

  private async load(): Promise<{ error?: string }> {
    if (!this.project) return {};
    const text = readText(this.project.model);
    const previous = this.orm.getMetadata().find('Movie');
    try {
      const entities = await this.loadEntities(this.project);
      this.orm.discoverEntity(entities, 'Movie');
      await this.checkTypes(text);
      this.error = undefined;
    } catch (err) {
      this.error = err instanceof UserError ? err.message : `${projectPath(this.project, this.project.model)}: ${String((err as Error)?.message ?? err).split('\n')[0]}`;
      // The last good model stays in use.
      if (previous && this.orm.getMetadata().find('Movie') !== previous) this.orm.getMetadata().set('Movie', previous);
    }
    this.loaded = text;
    this.onReload();
    return this.error ? { error: this.error } : {};
  }

  /** A column type PostgreSQL does not know (p.type('integr')) is refused here, where the file says it. */
  private async checkTypes(source: string): Promise<void> {
    const meta = this.orm.getMetadata().find('Movie');
    const conn = (this.orm.em as EntityManager).getConnection();
    for (const p of Object.values(meta?.properties ?? {})) {
      const type = p.columnTypes?.[0];
      // serial is no type of its own but PostgreSQL's shorthand for integer with a sequence.
      if (!type || p.persist === false || /^(small|big)?serial$/i.test(type)) continue;
      const [row] = await conn.execute('select to_regtype(?) is not null as known', [type]).catch(() => [{ known: false }]);
      if (row?.known) continue;
      const at = propertyPosition(source, p.name);
      throw new UserError(`${projectPath(this.project!, this.project!.model)}${at ? `:${at.line}:${at.column}` : ''}: ${p.name} has the type "${type}", which PostgreSQL does not know`);
    }
  }

  onChange(listener: ModelListener): () => void {
    this.listeners.add(listener);
    this.startWatching();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopWatching();
    };
  }

  /** The folder is watched, not the file: editors save by writing a new file and renaming it over the old one. */
  private startWatching(): void {
    if (!this.project || this.watcher) return;
    const file = this.project.model;
    const changed = () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        if (readText(file) !== this.loaded) void this.reload();
      }, DEBOUNCE_MS);
    };
    try {
      this.watcher = watch(dirname(file), (_event, name) => {
        if (!name || name === basename(file)) changed();
      });
      this.watcher.on('error', () => this.stopWatching());
      this.watcher.unref();
    } catch {
      // No file events here (some network file systems): ask every half second instead.
      const poll = setInterval(changed, 500);
      poll.unref();
      this.watcher = { close: () => clearInterval(poll) } as FSWatcher;
    }
  }

  private stopWatching(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }

  close(): void {
    this.listeners.clear();
    this.stopWatching();
  }
}

const readText = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

interface Property {
  name: string;
  type: string;
  nullable: boolean;
  default?: string;
}

/** The Movie entity's columns in model order, from MikroORM's metadata. */
function modelProperties(orm: MikroORM): Property[] {
  const meta = orm.getMetadata().find('Movie');
  return Object.values(meta?.properties ?? {})
    .filter((p) => p.persist !== false && p.fieldNames?.length === 1)
    .map((p) => {
      const dflt = p.defaultRaw ?? (p.default === undefined || p.default === null ? undefined : String(p.default));
      return { name: p.fieldNames[0]!, type: String(p.columnTypes?.[0] ?? p.type), nullable: Boolean(p.nullable), ...(dflt !== undefined ? { default: dflt } : {}) };
    });
}

/** A type as one name, whichever way it is spelled: int4 and integer, character varying(5) and varchar(5). */
export function canonicalType(type: string): string {
  const t = type.trim().toLowerCase().replace(/\s*,\s*/g, ',');
  const table: [RegExp, string][] = [
    [/^(int|int4|integer|serial|serial4)$/, 'integer'],
    [/^(int8|bigint|bigserial)$/, 'bigint'],
    [/^(int2|smallint)$/, 'smallint'],
    [/^(bool|boolean)$/, 'boolean'],
    [/^character varying/, 'varchar'],
    [/^(decimal)/, 'numeric'],
    [/^(timestamptz|timestamp with time zone)$/, 'timestamptz'],
    [/^timestamp without time zone$/, 'timestamp'],
    [/^(double precision|float8)$/, 'double'],
  ];
  for (const [re, name] of table) if (re.test(t)) return t.replace(re, name).replace(/^timestamp\((\d+)\) with time zone$/, 'timestamptz($1)');
  return t;
}

const describe = (type: string, nullable: boolean, dflt?: string | null) => `${canonicalType(type)}${nullable ? ' null' : ''}${dflt ? ` default ${dflt}` : ''}`;

/** The model's columns beside the live table's: the model's in its order, then those only the table has. */
export function compare(model: Property[], live: ColumnInfo[]): ColumnComparison[] {
  const rows: ColumnComparison[] = model.map((m) => {
    const l = live.find((c) => c.name === m.name);
    const same = l && canonicalType(l.type) === canonicalType(m.type) && l.nullable === m.nullable;
    return { name: m.name, model: describe(m.type, m.nullable, m.default), ...(l ? { live: describe(l.type, l.nullable, l.default) } : {}), mark: !l ? '+' : same ? '=' : '~', course: COURSE_COLUMNS.includes(m.name) };
  });
  const extra = live.filter((l) => !model.some((m) => m.name === l.name));
  const kindOf = (type: string, nullable: boolean) => `${canonicalType(type)}${nullable ? ' null' : ''}`;
  // As MikroORM's schema comparator decides (detectColumnRenamings): one column gone and one new
  // of the same type and nullability, and no other candidate either way, is a rename.
  const added = model.filter((m) => !live.some((l) => l.name === m.name));
  const renamed = new Map<string, ColumnInfo>();
  for (const m of added) {
    const gone = extra.filter((l) => kindOf(l.type, l.nullable) === kindOf(m.type, m.nullable));
    const rivals = added.filter((a) => kindOf(a.type, a.nullable) === kindOf(m.type, m.nullable));
    if (gone.length === 1 && rivals.length === 1) renamed.set(m.name, gone[0]!);
  }
  const used = new Set([...renamed.values()].map((l) => l.name));
  const out = rows.map((r): ColumnComparison => {
    const l = renamed.get(r.name);
    return l ? { ...r, live: describe(l.type, l.nullable, l.default), mark: '>', from: l.name } : r;
  });
  return [...out, ...extra.filter((l) => !used.has(l.name)).map((l): ColumnComparison => ({ name: l.name, live: describe(l.type, l.nullable, l.default), mark: '-', course: COURSE_COLUMNS.includes(l.name) }))];
}
