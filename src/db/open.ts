import type { Database, OpenOptions } from './database.js';
import { EmbeddedPostgres } from './embedded.js';
import type { Target } from './target.js';

/** Starts the embedded database's thread, if the target is embedded; Database.open awaits it. */
export function startEmbedded(target: Target, onStep?: (step: string) => void): Promise<EmbeddedPostgres> | undefined {
  const embedded = target.kind === 'embedded' ? EmbeddedPostgres.start(target.dataDir, onStep) : undefined;
  embedded?.catch(() => {}); // reported by whoever awaits it
  return embedded;
}

/**
 * Opens a database as fast as it can: the embedded database's thread starts first, so
 * PGlite opens its cluster while this thread loads MikroORM (about half a second each).
 * This module itself loads none of MikroORM.
 */
export async function openDatabase(target: Target, options: OpenOptions = {}, embedded = startEmbedded(target, options.onStep)): Promise<Database> {
  try {
    await loadOrmInSteps();
    const { Database } = await import('./database.js');
    return await Database.open(target, { ...options, embedded });
  } catch (err) {
    await embedded?.then((e) => e.stop()).catch(() => {});
    throw err;
  }
}

/**
 * MikroORM's packages one at a time, with a turn of the event loop after each: loading them is
 * synchronous work (0.3-0.4 s), and in one piece it held a key pressed meanwhile in the app
 * for up to 170 ms. In steps a key waits at most for the largest (@mikro-orm/core).
 */
async function loadOrmInSteps(): Promise<void> {
  const steps = [() => import('@mikro-orm/core'), () => import('@mikro-orm/postgresql'), () => import('@mikro-orm/migrations')];
  for (const step of steps) {
    await step();
    await new Promise((resolve) => setImmediate(resolve));
  }
}
