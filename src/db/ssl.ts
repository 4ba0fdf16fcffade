/**
 * `sslmode` and `sslrootcert` in a database URL, with libpq's meaning. Neither MikroORM (it
 * reads only host, port, user, password and database from `clientUrl`, so any sslmode
 * connected in plaintext) nor node-pg's pg-connection-string (its `require` verifies the
 * certificate, its `prefer` never falls back to plaintext) does what psql does, so the URL's
 * SSL settings are read here and handed to the driver as an explicit `ssl` option.
 *
 * - disable, allow: plaintext (allow would try SSL only if the server refused plaintext; we
 *   do not retry, so it is plaintext).
 * - prefer (also when the URL names no sslmode, as in libpq): SSL, unverified, if the server
 *   offers it, else plaintext.
 * - require: SSL or no connection; the certificate is not checked, unless sslrootcert is given
 *   (then, as libpq does, it is verify-ca).
 * - verify-ca: SSL, the certificate signed by the CA in sslrootcert; verify-full: and its
 *   name matches the host.
 * sslrootcert defaults to ~/.postgresql/root.crt; `sslrootcert=system` trusts the system's CAs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { checkServerIdentity, type ConnectionOptions } from 'node:tls';
import { UserError } from './errors.js';

export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** What node-pg takes as `ssl`. */
export type SslOption = false | ConnectionOptions;

const SSL_PARAMS = ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'ssl'];

/** The URL's sslmode (prefer when it names none); a mode libpq does not know is refused. */
export function sslModeOf(url: string): SslMode {
  const params = new URL(url).searchParams;
  // node-pg's own `ssl=true` (no libpq equivalent) asks for SSL: require it.
  const mode = params.get('sslmode') ?? (/^(true|1)$/.test(params.get('ssl') ?? '') ? 'require' : 'prefer');
  if (!(SSL_MODES as readonly string[]).includes(mode)) {
    throw new UserError(`unknown sslmode "${mode}" in the database URL: use one of ${SSL_MODES.join(', ')}`);
  }
  return mode as SslMode;
}

/** The URL without its SSL parameters, for drivers that would read them their own way. */
export function withoutSslParams(url: string): string {
  const u = new URL(url);
  for (const p of SSL_PARAMS) u.searchParams.delete(p);
  return u.toString();
}

const decided = new Map<string, Promise<SslOption>>();

/** The `ssl` option for node-pg, decided once per URL (prefer asks the server once). */
export function sslOptionFor(url: string, home = homedir()): Promise<SslOption> {
  let option = decided.get(url);
  if (!option) {
    option = decide(url, home);
    decided.set(url, option);
    option.catch(() => decided.delete(url));
  }
  return option;
}

async function decide(url: string, home: string): Promise<SslOption> {
  const mode = sslModeOf(url);
  const u = new URL(url);
  const host = decodeURIComponent(u.hostname.replace(/^\[|\]$/g, '')) || 'localhost';
  // libpq never uses SSL over a Unix socket.
  if (mode === 'disable' || mode === 'allow' || host.startsWith('/')) return false;
  const rootCert = u.searchParams.get('sslrootcert') ?? (existsSync(join(home, '.postgresql', 'root.crt')) ? join(home, '.postgresql', 'root.crt') : undefined);
  if (mode === 'prefer') return (await offersSsl(host, Number(u.port) || 5432)) ? { rejectUnauthorized: false } : false;
  if (mode === 'require' && !u.searchParams.has('sslrootcert')) return { rejectUnauthorized: false };
  if (!rootCert) {
    throw new UserError(`sslmode=${mode} needs the certificate of the CA that signed the server's: add sslrootcert=/path/to/root.crt to the URL, or put it in ~/.postgresql/root.crt`);
  }
  const ca = rootCert === 'system' ? undefined : readCa(rootCert);
  // verify-ca (and require with a root certificate): the chain is checked, the host name is not.
  if (mode !== 'verify-full') return { ca, rejectUnauthorized: true, checkServerIdentity: () => undefined };
  // node-pg names no host to TLS when it is an IP address (TLS would then check "localhost"): check the URL's host.
  return { ca, rejectUnauthorized: true, checkServerIdentity: (_name, cert) => checkServerIdentity(host, cert) };
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read the sslrootcert file ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

/**
 * Asks the server whether it speaks SSL (the protocol's SSLRequest: it answers S or N) over a
 * connection of its own, closed right after. Unreachable: false, and the real connection says why.
 */
function offersSsl(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(5000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write(Buffer.from([0, 0, 0, 8, 4, 210, 22, 47])));
    socket.once('data', (data) => done(data[0] === 0x53)); // 'S'
  });
}
