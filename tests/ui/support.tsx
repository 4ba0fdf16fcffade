import { render } from 'ink-testing-library';
import { EventEmitter } from 'node:events';
import React from 'react';
import { afterAll, beforeAll } from 'vitest';
import { Database } from '../../src/db/database.js';
import type { DatabaseApi } from '../../src/db/types.js';
import { App } from '../../src/ui/shell/App.js';
import { newDataDir } from '../support/databases.js';

/** Bytes a terminal sends for the keys the app uses. */
export const KEY = {
  up: '\x1b[A',
  down: '\x1b[B',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  home: '\x1b[H',
  end: '\x1b[F',
  enter: '\r',
  esc: '\x1b',
  tab: '\t',
  shiftTab: '\x1b[Z',
  backspace: '\x7f',
  space: ' ',
  ctrlC: '\x03',
  ctrlS: '\x13',
  ctrlN: '\x0e',
  ctrlX: '\x18',
  altUp: '\x1b[1;3A',
  altDown: '\x1b[1;3B',
} as const;

/**
 * The keyboard of a rendered app: what is written here reaches the app's own key layer
 * (src/ui/input) as a read from the terminal would. Ink's own stdin is never read.
 */
export class TestInput extends EventEmitter {
  write(data: string) {
    this.emit('data', data);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A real embedded database for one test file: migrated, optionally seeded. */
export function useEmbeddedDatabase(options: { seed?: boolean } = {}) {
  const handle: { db: Database } = {} as { db: Database };
  beforeAll(async () => {
    handle.db = await Database.open({ kind: 'embedded', dataDir: newDataDir() });
    await handle.db.migrations.up();
    if (options.seed) await handle.db.seeds.run();
  });
  afterAll(() => handle.db?.close());
  return handle;
}

export type Rendered = ReturnType<typeof renderApp>;

/** Renders the whole app on a database, with helpers to type and to wait for what a person would see. */
export function renderApp(db: DatabaseApi, props: { onExit?: () => void } = {}) {
  void props;
  const input = new TestInput();
  return driven(render(<App open={async () => db} label="test database" input={input} />), input);
}

/** Renders one element (a screen inside a KeyRouter given `input`, say) with the same helpers; rerender() gives it new props. */
export function renderElement(element: React.ReactElement, input: TestInput) {
  return driven(render(element), input);
}

function driven(rendered: ReturnType<typeof render>, input: TestInput) {
  const app = { ...rendered, stdin: input };
  const frame = () => app.lastFrame() ?? '';
  const waitFor = async (match: string | RegExp | ((f: string) => boolean), timeout = 10_000) => {
    const test = typeof match === 'function' ? match : (f: string) => (typeof match === 'string' ? f.includes(match) : match.test(f));
    const end = Date.now() + timeout;
    while (!test(frame())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${String(match)}; the screen shows:\n${frame()}`);
      await sleep(20);
    }
    // A person's reaction time before the next key.
    await sleep(40);
  };
  /**
   * Presses keys one at a time, letting the app render in between, as a person would: after
   * each key it waits for the next frame (or a short while, for keys that change nothing), so
   * a busy machine cannot make keys outrun the renders.
   */
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      const before = app.frames.length;
      app.stdin.write(k);
      const end = Date.now() + (k === KEY.esc ? 400 : 300);
      while (app.frames.length === before && Date.now() < end) await sleep(10);
      await sleep(k === KEY.esc ? 60 : 20);
    }
  };
  /** Text arrives the way a terminal delivers fast typing or a paste: in one read. */
  const type = (text: string) => press(text);
  return { ...app, frame, waitFor, press, type };
}
