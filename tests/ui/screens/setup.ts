import { afterEach, beforeEach } from 'vitest';
import type { DatabaseApi } from '../../../src/db/types.js';
import { embeddedDatabase, renderApp, type Rendered } from '../support.js';

/**
 * One embedded database for a test file, put back before each test (tables dropped, every
 * migration applied, seeded if asked): each test starts from the same state whatever the one
 * before it changed.
 */
export function databasePerTest(options: { seed?: boolean } = {}) {
  const handle = embeddedDatabase(options);
  let fresh = true; // as embeddedDatabase's beforeAll left it
  beforeEach(async () => {
    if (fresh) {
      fresh = false;
      return;
    }
    await handle.db.reset();
    if (options.seed) await handle.db.seeds.run();
  });
  return handle;
}

/**
 * The database as the app sees it, with the calls still running counted: an app unmounted at
 * the end of a test may still be reading (a preview, a count), and that must not run into the
 * next test's reset.
 */
function tracked(db: DatabaseApi): { api: DatabaseApi; idle: () => Promise<void> } {
  const running = new Set<Promise<unknown>>();
  // One wrapper per object, so what the app keeps (db.movies in a hook's dependencies) stays the same object.
  const wrapped = new WeakMap<object, object>();
  const wrap = <T extends object>(target: T): T => {
    const known = wrapped.get(target);
    if (known) return known as T;
    const proxy = new Proxy(target, {
      get(t, key) {
        const value: unknown = Reflect.get(t, key, t);
        if (typeof value === 'function') {
          return (...args: unknown[]) => {
            const result: unknown = value.apply(t, args);
            if (result instanceof Promise) {
              running.add(result);
              const done = () => running.delete(result);
              result.then(done, done);
            }
            return result;
          };
        }
        return value !== null && typeof value === 'object' ? wrap(value) : value;
      },
    });
    wrapped.set(target, proxy);
    return proxy;
  };
  const idle = async () => {
    // A call that finishes may start the next step of the same work: wait until none is left.
    while (running.size) {
      await Promise.allSettled([...running]);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { api: wrap(db), idle };
}

/**
 * The app of each test, unmounted after it (and its unfinished database calls awaited).
 * `start` renders it and waits until it has opened the database (`ready` in the frame); `on`
 * then switches to a screen and waits for `shows`.
 */
export function appPerTest() {
  let app: Rendered | undefined;
  let idle = async () => {};
  const stop = async () => {
    app?.unmount();
    app = undefined;
    await idle();
  };
  afterEach(stop);
  const start = async (db: DatabaseApi, ready: string | RegExp = 'migrations 5/5 applied'): Promise<Rendered> => {
    const seen = tracked(db);
    idle = seen.idle;
    app = renderApp(seen.api);
    await app.waitFor(ready);
    return app;
  };
  const on = async (db: DatabaseApi, key: string, shows: string | RegExp): Promise<Rendered> => {
    const started = await start(db);
    await started.press(key);
    await started.waitFor(shows);
    return started;
  };
  return { start, on, stop };
}

/** Where each screen's key takes you, and a text that shows it is there. */
export const SCREEN = {
  migrations: ['2', 'Migrations 5/5 applied'],
  data: ['3', 'Press s, i or x.'],
  database: ['4', 'Server version'],
  model: ['5', 'Model built in: it is fixed.'],
} as const;
