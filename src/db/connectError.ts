import { connectionProblem, OWNER_GONE, UserError } from './errors.js';
import { databaseName, describeTarget, scrubSecrets, type Target } from './target.js';

const CERTIFICATE_CODES = /CERT|SIGNATURE|ERR_TLS_CERT_ALTNAME_INVALID|ISSUER/;

/** One line a user can act on, for the ways a connection fails; the password never appears. */
export function explainConnectError(err: unknown, target: Target): Error {
  const url = target.kind === 'server' ? target.url : undefined;
  const where = describeTarget(target);
  const e = (err ?? {}) as { code?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code;
  if (connectionProblem(err) === OWNER_GONE) return new UserError(OWNER_GONE);
  const parsed = url ? new URL(url) : undefined;
  const dbName = target.kind === 'server' ? databaseName(target) : 'postgres';
  const host = parsed ? `${parsed.hostname}:${parsed.port || 5432}` : where;
  const mode = parsed?.searchParams.get('sslmode');
  if (/does not support SSL/i.test(String(e.message))) {
    return new UserError(`cannot connect to ${where}: the server does not accept SSL, and the URL asks for sslmode=${mode}: not connecting in plaintext (sslmode=prefer or disable would)`);
  }
  if (code && CERTIFICATE_CODES.test(code)) {
    const problem = code === 'ERR_TLS_CERT_ALTNAME_INVALID'
      ? `does not name the host ${parsed?.hostname} (${code}); use the host name it was issued for, or sslmode=verify-ca`
      : `is not signed by the CA in sslrootcert (${code})`;
    return new UserError(`cannot connect to ${where}: the server's certificate ${problem}`);
  }
  switch (code) {
    case '3D000':
      return new UserError(`database "${dbName}" does not exist on ${host}; create it with: movies-tui db create`);
    case 'ECONNREFUSED':
      return new UserError(`cannot connect to ${where}: connection refused (is PostgreSQL running on ${host}?)`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UserError(`cannot connect to ${where}: unknown host ${parsed?.hostname ?? ''}`);
    case 'ETIMEDOUT':
      return new UserError(`cannot connect to ${where}: timed out`);
    case '28P01':
    case '28000':
      return new UserError(`cannot connect to ${where}: ${scrubSecrets(String(e.message), url)}`);
    default:
      return new UserError(`cannot connect to ${where}: ${scrubSecrets(String(e.message ?? err), url)}`);
  }
}
