import { accessSync, constants, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { MigrationObject, MikroORM } from '@mikro-orm/core';
import { Migration, Migrator } from '@mikro-orm/migrations';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CHANGES_CHANNEL, SCHEMA_NOTICE } from './changes.js';
import { MigrationError, UserError } from './errors.js';
import { labelOf } from './migrationLabel.js';
import { commentOf, slugOf } from './migrationName.js';
import { comesBackEmpty, findRisks, riskMessage, type ColumnTypes, type MigrationRisk } from './risks.js';

export interface MigrationState {
  /** Full name, e.g. Migration20251008000000_add_mpa_column. */
  name: string;
  /** The part users type: add_mpa_column. */
  label: string;
  applied: boolean;
  executedAt?: Date;
}

export interface MigrationPlan {
  name: string;
  label: string;
  direction: 'up' | 'down';
  statements: string[];
  /** The steps that can lose data, counted on the live database; empty when none. */
  risks: MigrationRisk[];
  /** Rolling back: the columns (or tables) its up dropped that come back empty (risks.ts comesBackEmpty). */
  comesBackEmpty: string[];
}

export interface DriftReport {
  upToDate: boolean;
  /** SQL that would bring the database in line with the model. */
  statements: string[];
}

export interface CreatedMigration {
  name: string;
  label: string;
  /** The file written, to review and edit. */
  file: string;
  /** What it runs, as written in the file: up applies it, down undoes it. */
  up: string[];
  down: string[];
  /** Built-in migrations (a source checkout) are compiled; a project's are loaded as they are. */
  needsBuild: boolean;
}

// Every process migrating one server takes this lock first, so two `migrate up` never interleave.
const LOCK_SQL = `select pg_advisory_xact_lock(hashtext('movies-tui:migrations'))`;

/** Status, SQL preview, apply and roll back, drift check and creation of migrations. */
export class MigrationService {
  /** The known migrations, with the ones created in this session added at the end. */
  private readonly list: MigrationObject[];

  constructor(
    private readonly orm: MikroORM,
    list: MigrationObject[],
    private readonly serialize: boolean,
    private readonly onChange: () => void = () => {},
    private readonly sourceDir?: string,
    /** The migration files written since (by another process, a `git pull`): a project's, read at each status. */
    private readonly discover?: (known: string[]) => Promise<MigrationObject[]>,
  ) {
    this.list = [...list];
  }

  /** Adds the files `discover` finds to the list, in name order as when loaded at start. */
  private async addNewFiles(): Promise<void> {
    if (!this.discover) return;
    const found = (await this.discover(this.list.map((m) => m.name))).filter((m) => !this.list.some((k) => k.name === m.name));
    if (found.length === 0) return;
    this.list.push(...found);
    this.list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.orm.config.set('migrations', { ...this.orm.config.get('migrations'), migrationsList: [...this.list] });
  }

  /**
   * A new Migrator per operation: after a failed run MikroORM's keeps a reference to the
   * rolled-back transaction and every later call on it fails with "Transaction query already complete".
   */
  private migrator(): Migrator {
    return new Migrator(this.orm.em as EntityManager);
  }

  private tableReady: Promise<void> | undefined;

  /** Every known migration in order, with when it was applied. */
  async status(): Promise<MigrationState[]> {
    // Concurrent first calls (the header and a screen) would both try to create the log table.
    this.tableReady ??= this.ensureMigrationsTable().catch((err: unknown) => {
      this.tableReady = undefined;
      throw err;
    });
    await this.tableReady;
    await this.addNewFiles();
    const executed = await this.migrator().getExecutedMigrations();
    const when = new Map(executed.map((row) => [row.name.replace(/\.[jt]s$/, ''), row.executed_at]));
    const known = this.list.map(({ name }) => ({ name, label: labelOf(name), applied: when.has(name), executedAt: when.get(name) }));
    // Applied rows without a class: a database migrated by a newer version of the app.
    const unknown = executed
      .filter((row) => !this.list.some((m) => m.name === row.name))
      .map((row) => ({ name: row.name, label: `${labelOf(row.name)} (unknown to this version)`, applied: true, executedAt: row.executed_at }));
    return [...known, ...unknown];
  }

  async pending(): Promise<MigrationState[]> {
    return (await this.status()).filter((m) => !m.applied);
  }

  /** The SQL a migration runs: `up` if it is pending, `down` (what undoing it runs) if applied. */
  async plan(nameOrLabel: string, direction?: 'up' | 'down'): Promise<MigrationPlan> {
    const migration = this.find(nameOrLabel);
    // Ask the database which way only when the caller did not say (planUp/planDown already know).
    const dir = direction ?? ((await this.isApplied(migration.name)) ? 'down' : 'up');
    const statements = await this.sqlOf(migration, dir);
    const empty = dir === 'down' ? comesBackEmpty(await this.sqlOf(migration, 'up'), statements) : [];
    return { name: migration.name, label: labelOf(migration.name), direction: dir, statements, risks: await this.risksOf(statements), comesBackEmpty: empty };
  }

  /** The destructive steps among statements, each with what it would cost on the live database. */
  private async risksOf(statements: string[]): Promise<MigrationRisk[]> {
    const steps = findRisks(statements, await this.columnTypes());
    const conn = (this.orm.em as EntityManager).getConnection();
    return Promise.all(
      steps.map(async (step) => {
        let lost: number | undefined;
        // A count that fails (the table comes from an earlier step of the same plan) is reported as unknown.
        if (step.countSql) lost = await conn.execute(step.countSql).then(([row]) => Number(row?.n), () => undefined);
        return { statement: step.statement, message: riskMessage(step, lost), lost };
      }),
    );
  }

  private async columnTypes(): Promise<ColumnTypes> {
    const rows: { table: string; column: string; type: string }[] = await (this.orm.em as EntityManager).getConnection().execute(
      `select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as type
         from pg_attribute a join pg_class c on c.oid = a.attrelid
        where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`,
    );
    return new Map(rows.map((r) => [`${r.table}.${r.column}`, r.type]));
  }

  /** What `up` (to a migration, or all) would run, in order. */
  async planUp(to?: string): Promise<MigrationPlan[]> {
    if (to && (await this.isApplied(to))) return []; // as up(to) does: nothing to do
    const pending = await this.pending();
    const last = to ? this.indexIn(pending, to, 'up') : pending.length - 1;
    return Promise.all(pending.slice(0, last + 1).map((m) => this.plan(m.name, 'up')));
  }

  /** What `down` (one step, or down to and including a migration) would run, in order. */
  async planDown(to?: string): Promise<MigrationPlan[]> {
    if (to && !(await this.isApplied(to))) return [];
    const applied = (await this.status()).filter((m) => m.applied).reverse();
    const last = to ? this.indexIn(applied, to, 'down') : Math.min(0, applied.length - 1);
    return Promise.all(applied.slice(0, last + 1).map((m) => this.plan(m.name, 'down')));
  }

  /** Applies pending migrations (all, or up to and including `to`) in one transaction. Returns their names. */
  async up(to?: string): Promise<string[]> {
    if (to && (await this.isApplied(to))) return [];
    return this.run('up', to);
  }

  /** Rolls back the last migration, or every migration down to and including `to`. */
  async down(to?: string): Promise<string[]> {
    if (to && !(await this.isApplied(to))) return [];
    return this.run('down', to);
  }

  private async isApplied(nameOrLabel: string): Promise<boolean> {
    const { name } = this.find(nameOrLabel);
    return (await this.status()).some((m) => m.name === name && m.applied);
  }

  /** Compares the model with the live database. */
  async check(): Promise<DriftReport> {
    const diff = await this.orm.getSchemaGenerator().getUpdateSchemaMigrationSQL({ wrap: false, dropTables: false });
    const statements = splitSql(diff.up);
    return { upToDate: statements.length === 0, statements };
  }

  /**
   * Writes a new migration from the difference between the model and the database (into a
   * project or the source checkout), named from
   * `message` (see slugOf) with the message as a comment at its top; undefined when they already
   * match. It is pending in this session at once, running the SQL it was written with.
   */
  async create(message: string): Promise<CreatedMigration | undefined> {
    if (!this.sourceDir) {
      throw new UserError('creating migrations needs a movies-tui project (movies-tui init) or the source checkout; the built-in migrations only run');
    }
    const slug = slugOf(message);
    if (!slug) throw new UserError(`the message "${commentOf(message)}" has no letters or digits to name the migration by, e.g. "Add runtime column"`);
    if ((await this.pending()).length > 0) {
      throw new UserError('apply the pending migrations first (movies-tui migrate up): the new one is the difference from an up-to-date database');
    }
    if ((await this.check()).upToDate) return undefined;
    const result = await this.migrator().createMigration(this.sourceDir, false, false, slug);
    if (!result.fileName) return undefined;
    const file = join(this.sourceDir, result.fileName);
    writeFileSync(file, `// ${commentOf(message)}\n${readFileSync(file, 'utf8')}`);
    // A project's migrations are listed by file name when loaded; the built-in ones by index.ts.
    const needsBuild = existsSync(join(this.sourceDir, 'index.ts'));
    if (needsBuild) writeIndex(this.sourceDir);
    const name = basename(result.fileName, '.ts');
    const up = result.diff.up.filter((s) => s.trim());
    const down = result.diff.down.filter((s) => s.trim());
    this.list.push({ name, class: replaying(up, down) });
    // The migrator runs what the ORM's configuration lists (a copy of the list it was opened with).
    this.orm.config.set('migrations', { ...this.orm.config.get('migrations'), migrationsList: [...this.list] });
    return { name, label: labelOf(name), file, up, down, needsBuild };
  }

  /** The source file of a migration if it can be edited here (a source checkout, the file writable), else undefined. */
  async fileOf(nameOrLabel: string): Promise<string | undefined> {
    if (!this.sourceDir) return undefined;
    const file = join(this.sourceDir, `${this.find(nameOrLabel).name}.ts`);
    try {
      accessSync(file, constants.W_OK);
      return file;
    } catch {
      return undefined;
    }
  }

  private find(nameOrLabel: string): MigrationObject {
    const wanted = nameOrLabel.replace(/\.[jt]s$/, '');
    const found = this.list.find((m) => m.name === wanted || labelOf(m.name) === wanted);
    if (!found) {
      throw new UserError(`no migration named "${nameOrLabel}" (known: ${this.list.map((m) => labelOf(m.name)).join(', ')})`);
    }
    return found;
  }

  private indexIn(states: MigrationState[], to: string, direction: 'up' | 'down'): number {
    const { name } = this.find(to);
    const index = states.findIndex((m) => m.name === name);
    if (index < 0) throw new UserError(`${labelOf(name)} is ${direction === 'up' ? 'already applied' : 'not applied'}`);
    return index;
  }

  /** The SQL of every known migration in one direction, in list order. */
  async sqlOfAll(direction: 'up' | 'down'): Promise<string[]> {
    return (await Promise.all(this.list.map((m) => this.sqlOf(m, direction)))).flat();
  }

  private async sqlOf(migration: MigrationObject, direction: 'up' | 'down'): Promise<string[]> {
    const Class = migration.class as new (...args: unknown[]) => Migration;
    const instance = new Class(this.orm.em.getDriver(), this.orm.config);
    await instance[direction]();
    return instance.getQueries().map((q) => (typeof q === 'string' ? q : q.toString()));
  }

  private async run(direction: 'up' | 'down', to?: string): Promise<string[]> {
    const migrator = this.migrator();
    const options = to ? { to: this.find(to).name } : undefined;
    let done: { name: string }[];
    try {
      if (!this.serialize) {
        done = await migrator[direction](options);
      } else {
        await this.ensureMigrationsTable();
        const conn = (this.orm.em as EntityManager).getConnection();
        done = await conn.transactional(async (trx) => {
          const [session] = await conn.execute('select pg_backend_pid() as pid', [], 'all', trx);
          this.session = Number(session?.pid);
          await conn.execute(LOCK_SQL, [], 'all', trx);
          return migrator[direction]({ ...options, transaction: trx });
        });
      }
    } catch (err) {
      throw new MigrationError(`${direction === 'up' ? 'applying' : 'rolling back'} failed, nothing was changed: ${rootMessage(err)}`);
    } finally {
      this.session = undefined;
      this.onChange();
    }
    if (done.length > 0) await this.announce();
    return done.map((m) => m.name);
  }

  /** Tells the apps open on this database (changes.ts) that its shape changed; best effort. */
  private async announce(): Promise<void> {
    const conn = (this.orm.em as EntityManager).getConnection();
    await conn.execute('select pg_notify(?, ?)', [CHANGES_CHANNEL, `${SCHEMA_NOTICE}${process.pid}`]).catch(() => {});
  }

  /** The server session running a migration, while one runs. */
  private session: number | undefined;

  /**
   * Ends the server session of a running migration, so PostgreSQL rolls it back: on Ctrl+C,
   * closing the pool would otherwise wait for the migration and let it commit.
   */
  async interrupt(): Promise<void> {
    if (this.session === undefined) return;
    await (this.orm.em as EntityManager).getConnection().execute('select pg_terminate_backend(?)', [this.session]).catch(() => {});
  }

  /** Two processes creating the migrations table at once: the loser retries and finds it there. */
  private async ensureMigrationsTable(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.migrator().getStorage().ensureTable();
        return;
      } catch (err) {
        if (attempt >= 2) throw err;
      }
    }
  }
}

/**
 * A migration created in this session, before a build compiles its file: it runs the statements
 * it was written with (the same the generated file's up and down add).
 */
function replaying(up: string[], down: string[]): MigrationObject['class'] {
  return class extends Migration {
    override async up(): Promise<void> {
      up.forEach((sql) => this.addSql(sql));
    }
    override async down(): Promise<void> {
      down.forEach((sql) => this.addSql(sql));
    }
  };
}

function rootMessage(err: unknown): string {
  let e = err as { message?: string; cause?: unknown; original?: unknown; parent?: unknown } | undefined;
  let message = String(e?.message ?? err);
  for (let depth = 0; e && depth < 5; depth++) {
    if (e.message) message = e.message;
    e = (e.cause ?? undefined) as typeof e;
  }
  // umzug prefixes "Migration X (up) failed: Original error: "; keep what PostgreSQL said.
  return message.replace(/^Migration .* failed: Original error: /s, '').replace(/\s+/g, ' ').trim();
}

function splitSql(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !/^set names/i.test(s))
    .map((s) => (s.endsWith(';') ? s : `${s};`));
}

/** Rewrites migrations/index.ts so it lists every migration file, in name (= time) order. */
export function writeIndex(dir: string): void {
  const names = readdirSync(dir)
    .filter((f) => /^Migration\d{14}_\w+\.ts$/.test(f))
    .map((f) => basename(f, '.ts'))
    .sort();
  const lines = [
    '// Generated by `movies-tui migrate create`; lists every migration in order.',
    "import type { MigrationObject } from '@mikro-orm/core';",
    ...names.map((n) => `import { ${n} } from './${n}.js';`),
    '',
    'export const migrationsList: MigrationObject[] = [',
    ...names.map((n) => `  { name: '${n}', class: ${n} },`),
    '];',
    '',
  ];
  writeFileSync(join(dir, 'index.ts'), lines.join('\n'));
}

