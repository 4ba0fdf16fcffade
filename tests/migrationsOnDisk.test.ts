// A migration file that appears in the project's migrations/ while the app is open (written by
// `movies-tui migrate create` in another terminal, a teammate's file from `git pull`) is known at
// once: it is listed pending, applies with u, and g does not write a duplicate of it. On both databases.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { initProject } from '../src/cli/init.js';
import { Database } from '../src/db/database.js';
import { findProject, type Project } from '../src/db/project.js';
import { describeEachDatabase } from './support/databases.js';

const NAME = 'Migration20991231000000_add_runtime_elsewhere';
const FILE = `// Add runtime elsewhere
import { Migration } from '@mikro-orm/migrations';

export class ${NAME} extends Migration {
  override async up(): Promise<void> {
    this.addSql(\`alter table "movie" add column "runtime" int null;\`);
  }

  override async down(): Promise<void> {
    this.addSql(\`alter table "movie" drop column "runtime";\`);
  }
}
`;

describeEachDatabase('migration files written while the app is open', (handle) => {
  let db: Database;
  let project: Project;
  beforeAll(async () => {
    const root = join(mkdtempSync(join(tmpdir(), 'movies-tui-ondisk-')), 'films');
    initProject(root);
    project = findProject(root)!;
    db = await Database.open({ ...handle.target, project });
    await db.migrations.up();
    expect(await db.migrations.pending()).toEqual([]);
  }, 60_000);
  afterAll(() => db?.close());

  it('lists a new file pending, refuses to generate a duplicate of it, and applies it', async () => {
    const model = readFileSync(project.model, 'utf8');
    writeFileSync(project.model, model.replace('    version: p.integer().default(1),\n', '    version: p.integer().default(1),\n    runtime: p.integer().nullable(),\n'));
    writeFileSync(join(project.migrations, `${NAME}.ts`), FILE);
    expect((await db.migrations.pending()).map((m) => m.label)).toEqual(['add_runtime_elsewhere']);
    await expect(db.migrations.create('Add runtime again')).rejects.toThrow(/apply the pending migrations first/);
    expect(await db.migrations.up()).toEqual([NAME]);
    expect((await db.migrations.status()).filter((m) => !m.applied)).toEqual([]);
  });
});
