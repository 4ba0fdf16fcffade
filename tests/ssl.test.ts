import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../src/db/database.js';
import { cleanEnv, run } from './support/cli.js';
import { createCluster, postgresBin, type Cluster } from './support/cluster.js';
import { newServerDatabase, serverUrl } from './support/databases.js';

/** sslmode and sslrootcert as psql reads them; a URL that asks for SSL never connects in plaintext. */
const withParams = (url: string, params: Record<string, string>) => {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
};

describe.skipIf(!serverUrl())('sslmode against the test server, which has ssl=off', { timeout: 60_000 }, () => {
  let url: string;
  beforeAll(async () => {
    url = await newServerDatabase();
    await run(['migrate', 'up'], cleanEnv({ DATABASE_URL: url }));
  });

  it.each(['require', 'verify-ca', 'verify-full'])('sslmode=%s refuses to connect in plaintext, in one line, exit 1', async (mode) => {
    const r = await run(['list'], cleanEnv({ DATABASE_URL: withParams(url, { sslmode: mode }) }));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(mode === 'require' ? /does not accept SSL.*sslmode=require/ : new RegExp(`sslmode=${mode} needs the certificate of the CA.*sslrootcert`));
  });

  it.each(['disable', 'allow', 'prefer'])('sslmode=%s connects (in plaintext)', async (mode) => {
    const r = await run(['list'], cleanEnv({ DATABASE_URL: withParams(url, { sslmode: mode }) }));
    expect(r).toMatchObject({ code: 0, stderr: 'no movies yet: add one with movies-tui add, or run movies-tui seed\n' });
  });

  it('an unknown sslmode is refused by name', async () => {
    const r = await run(['list'], cleanEnv({ DATABASE_URL: withParams(url, { sslmode: 'required' }) }));
    expect(r).toMatchObject({ code: 1, stderr: 'movies-tui: unknown sslmode "required" in the database URL: use one of disable, allow, prefer, require, verify-ca, verify-full\n' });
  });
});

describe.skipIf(!postgresBin())('sslmode against a throwaway cluster with ssl=on and a self-signed certificate', { timeout: 120_000 }, () => {
  let cluster: Cluster;
  let certs: string;
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: certs, stdio: 'pipe' });

  beforeAll(async () => {
    certs = mkdtempSync(join(tmpdir(), 'movies-tui-certs-'));
    openssl('req', '-new', '-x509', '-days', '2', '-nodes', '-subj', '/CN=movies-tui test CA', '-keyout', 'ca.key', '-out', 'ca.crt');
    openssl('req', '-new', '-x509', '-days', '2', '-nodes', '-subj', '/CN=some other CA', '-keyout', 'other.key', '-out', 'other.crt');
    openssl('req', '-new', '-nodes', '-subj', '/CN=localhost', '-keyout', 'server.key', '-out', 'server.csr');
    writeFileSync(join(certs, 'san.ext'), 'subjectAltName=DNS:localhost\n');
    openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'san.ext', '-out', 'server.crt');
    // The server refuses a key others can read; as root the cluster runs as postgres.
    chmodSync(join(certs, 'server.key'), 0o600);
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      for (const f of ['', 'server.key', 'server.crt']) chownSync(join(certs, f), uid, 0);
    }
    cluster = await createCluster({ ssl: 'on', ssl_cert_file: join(certs, 'server.crt'), ssl_key_file: join(certs, 'server.key') });
  });
  afterAll(() => {
    cluster?.remove();
    rmSync(certs, { recursive: true, force: true });
  });

  /** Opens the database with this URL, reads once, and says whether its connection is encrypted. */
  async function encrypted(url: string): Promise<boolean> {
    const db = await Database.open({ kind: 'server', url, source: 'flag' });
    try {
      await db.migrations.status();
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      try {
        // Every session but the admin's own is the app's.
        const { rows } = await admin.query('select s.ssl from pg_stat_ssl s join pg_stat_activity a using (pid) where a.backend_type = $1 and a.pid <> pg_backend_pid()', ['client backend']);
        expect(rows.length).toBeGreaterThan(0);
        return rows.every((r: { ssl: boolean }) => r.ssl);
      } finally {
        await admin.end();
      }
    } finally {
      await db.close();
    }
  }

  it('sslmode=require connects encrypted (pg_stat_ssl), without checking the certificate', async () => {
    expect(await encrypted(withParams(cluster.url, { sslmode: 'require' }))).toBe(true);
  });

  it('no sslmode means prefer, as in psql: encrypted when the server offers it', async () => {
    expect(await encrypted(cluster.url)).toBe(true);
  });

  it('sslmode=disable connects in plaintext', async () => {
    expect(await encrypted(withParams(cluster.url, { sslmode: 'disable' }))).toBe(false);
  });

  it('verify-full with the right sslrootcert connects encrypted to the host its certificate names; verify-ca to any host', async () => {
    const byName = new URL(cluster.url);
    byName.hostname = 'localhost';
    expect(await encrypted(withParams(byName.toString(), { sslmode: 'verify-full', sslrootcert: join(certs, 'ca.crt') }))).toBe(true);
    expect(await encrypted(withParams(cluster.url, { sslmode: 'verify-ca', sslrootcert: join(certs, 'ca.crt') }))).toBe(true);
  });

  it('verify-full and verify-ca with a wrong CA fail in one line; require with a wrong sslrootcert too (it means verify-ca)', async () => {
    for (const mode of ['verify-full', 'verify-ca', 'require']) {
      const r = await run(['list'], cleanEnv({ DATABASE_URL: withParams(cluster.url, { sslmode: mode, sslrootcert: join(certs, 'other.crt') }) }));
      expect(r.code, mode).toBe(1);
      expect(r.stderr, mode).toMatch(/^movies-tui: cannot connect to .*: the server's certificate is not signed by the CA in sslrootcert \([A-Z_]+\)\n$/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('verify-full fails when the certificate does not name the host', async () => {
    // The certificate names localhost only; the URL says 127.0.0.1.
    const r = await run(['list'], cleanEnv({ DATABASE_URL: withParams(cluster.url, { sslmode: 'verify-full', sslrootcert: join(certs, 'ca.crt') }) }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^movies-tui: cannot connect to .*: the server's certificate does not name the host 127\.0\.0\.1 \(ERR_TLS_CERT_ALTNAME_INVALID\); use the host name it was issued for, or sslmode=verify-ca\n$/);
  });
});
