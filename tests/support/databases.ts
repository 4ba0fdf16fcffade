import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { Database, type OpenOptions } from '../../src/db/database.js';
import type { Target } from '../../src/db/target.js';

export type Kind = Target['kind'];

/** A throwaway database of one kind for one test file: an embedded data dir, or a server database. */
export interface TestDatabase {
  kind: Kind;
  target: Target;
  /** Opens it (the caller closes it). */
  open(options?: OpenOptions): Promise<Database>;
  /** A fresh, empty database of the same kind (for tests that need a clean slate). */
  fresh(): Promise<Target>;
}

const dropLater: string[] = [];
const removeLater: string[] = [];

export function serverUrl(): string {
  return inject('serverUrl');
}

/** A new embedded data dir, copied from the initialised template (much faster than initdb). */
export function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'movies-tui-test-'));
  cpSync(inject('embeddedTemplate'), dir, { recursive: true });
  removeLater.push(dir);
  return dir;
}

/** A new database on the test server, dropped when the file's tests end. */
export async function newServerDatabase(): Promise<string> {
  const admin = serverUrl();
  const name = `movies_tui_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  dropLater.push(name);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

async function newTarget(kind: Kind): Promise<Target> {
  return kind === 'embedded' ? { kind, dataDir: newDataDir() } : { kind, url: await newServerDatabase(), source: 'flag' };
}

afterAll(async () => {
  for (const dir of removeLater.splice(0)) rmSync(dir, { recursive: true, force: true });
  if (dropLater.length === 0 || !serverUrl()) return;
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    for (const name of dropLater.splice(0)) await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
});

/**
 * Runs the same tests on the embedded database and on a real server. Without a
 * reachable server the server half is skipped (global setup says so loudly).
 */
export function describeEachDatabase(title: string, tests: (db: TestDatabase) => void): void {
  for (const kind of ['embedded', 'server'] as const) {
    const skip = kind === 'server' && !serverUrl();
    describe.skipIf(skip)(`${title} (${kind})`, () => {
      const handle: TestDatabase = {
        kind,
        target: undefined as unknown as Target,
        open: (options) => Database.open(handle.target, options),
        fresh: () => newTarget(kind),
      };
      beforeAll(async () => {
        handle.target = await newTarget(kind);
      });
      tests(handle);
    });
  }
}
