import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { Database } from '../../src/db/database.js';
import { findPtyPython } from './ptyProcess.js';

export const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An initialised, unmigrated embedded data dir that test files copy (initdb takes seconds). */
    embeddedTemplate: string;
    /** The maintenance URL of a reachable server, or '' when server tests are skipped. */
    serverUrl: string;
    /** The Python that runs the pty relay, or why there is none (pty tests then skip). */
    ptyPython: { python: string } | { problem: string };
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

/** The terminal tests need Python 3 (tests/support/ptyProcess.ts); say so once if it is missing. */
function checkPty(project: TestProject) {
  const found = findPtyPython();
  if ('problem' in found && process.env.REQUIRE_PTY === '1') {
    throw new Error(`REQUIRE_PTY=1 but the pseudo-terminal tests cannot run: they need Python 3 (${found.problem})`);
  }
  if ('problem' in found) {
    process.stderr.write(`\n*** Pseudo-terminal tests SKIPPED: they need Python 3 (${found.problem}).\n*** Install python3 (or set PTY_PYTHON), or REQUIRE_PTY=1 to make this an error.\n\n`);
  }
  project.provide('ptyPython', found);
}

export default async function setup(project: TestProject) {
  checkPty(project);
  const template = mkdtempSync(join(tmpdir(), 'movies-tui-template-'));
  const db = await Database.open({ kind: 'embedded', dataDir: template }, { migrateNew: false });
  await db.close();
  // An initialised database with nothing applied (as after `migrate down` to the start), not an
  // unfinished first run, which the next open would migrate by itself.
  rmSync(join(template, 'first-run.unfinished'));
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
