/**
 * Configuration for the MikroORM CLI in a source checkout (`npx mikro-orm migration:list`),
 * the same one the app uses: DATABASE_URL if set, else the embedded database.
 */
import type { Options } from '@mikro-orm/postgresql';
import { ormConfig } from './config.js';
import { EmbeddedPostgres } from './embedded.js';
import { sslOptionFor } from './ssl.js';
import { resolveTarget } from './target.js';

export default async function config(): Promise<Options> {
  const target = resolveTarget({});
  if (target.kind === 'server') return { ...ormConfig({ kind: 'server', url: target.url, ssl: await sslOptionFor(target.url) }), preferTs: true };
  const embedded = await EmbeddedPostgres.start(target.dataDir);
  embedded.closeWhenIdle();
  // preferTs: new migrations are written to migrations/ (the sources), not dist/.
  return { ...ormConfig({ kind: 'embedded', socketDir: embedded.socketDir }), preferTs: true };
}
