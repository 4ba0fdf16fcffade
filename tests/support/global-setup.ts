import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { Database } from '../../src/db/database.js';

export const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An initialised, unmigrated embedded data dir that test files copy (initdb takes seconds). */
    embeddedTemplate: string;
    /** The maintenance URL of a reachable server, or '' when server tests are skipped. */
    serverUrl: string;
  }
}

async function serverReachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

export default async function setup(project: TestProject) {
  const template = mkdtempSync(join(tmpdir(), 'movies-tui-template-'));
  const db = await Database.open({ kind: 'embedded', dataDir: template }, { migrateNew: false });
  await db.close();
  project.provide('embeddedTemplate', template);

  const problem = await serverReachable(SERVER_URL);
  if (problem && process.env.REQUIRE_PG === '1') {
    throw new Error(`REQUIRE_PG=1 but no PostgreSQL server at ${SERVER_URL}: ${problem}`);
  }
  if (problem) {
    process.stderr.write(`\n*** PostgreSQL server tests SKIPPED: nothing reachable at ${SERVER_URL} (${problem}).\n*** Set TEST_DATABASE_URL, or REQUIRE_PG=1 to make this an error.\n\n`);
  }
  project.provide('serverUrl', problem ? '' : SERVER_URL);

  return () => rmSync(template, { recursive: true, force: true });
}
