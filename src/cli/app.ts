import type { Command } from 'commander';
import { describeTargetWithKind } from '../db/target.js';
import { targetOf, type GlobalOptions } from './context.js';
import { shutdownCode, track } from './lifecycle.js';

/** The full-screen app; the ORM is loaded only once its first frame is on screen. */
export async function openApp(cmd: Command): Promise<void> {
  const target = targetOf(cmd);
  const { runApp } = await import('../ui/run.js');
  const code = await runApp({
    label: describeTargetWithKind(target),
    verbose: cmd.optsWithGlobals<GlobalOptions>().verbose,
    open: async (onStep) => {
      const { openForApp } = await import('../db/appDatabase.js');
      const db = await openForApp(target, { onStep });
      track(db);
      return db;
    },
  });
  // A signal or a lost terminal ended the app: lifecycle.ts exits once the database is closed.
  if (shutdownCode() !== undefined) return;
  // The database is closed and the terminal restored: end now. (After a terminal resize,
  // something in Ink's stack can keep a timer alive, and the shell would wait for nothing.)
  process.exit(code);
}
