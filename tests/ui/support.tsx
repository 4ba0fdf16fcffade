import { render } from 'ink-testing-library';
import { EventEmitter } from 'node:events';
import React from 'react';
import { afterAll, beforeAll } from 'vitest';
import { Database } from '../../src/db/database.js';
import type { DatabaseApi, MovieService, PageQuery } from '../../src/db/types.js';
import { App } from '../../src/ui/shell/App.js';
import { afterReact } from '../../src/ui/input/keySource.js';
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

/**
 * Resolves once React has finished what the last input or frame started (its effects too): the
 * same two event-loop turns the app's key source waits before it hands on the next key.
 */
const settled = () => new Promise<void>((resolve) => afterReact(resolve));

/** A real embedded database for one test file: migrated, optionally seeded. */
export function embeddedDatabase(options: { seed?: boolean } = {}) {
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
  // Every frame Ink writes wakes whoever waits for one: nothing here polls.
  const woken = new Set<() => void>();
  const write = rendered.stdout.write;
  rendered.stdout.write = (text: string) => {
    write(text);
    for (const wake of [...woken]) wake();
  };
  /** Resolves true as soon as `done()` holds (asked now and after each frame), false after `ms`. */
  const until = (done: () => boolean, ms: number) =>
    new Promise<boolean>((resolve) => {
      if (done()) return resolve(true);
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        woken.delete(check);
        resolve(ok);
      };
      const check = () => done() && finish(true);
      const timer = setTimeout(() => finish(false), ms);
      woken.add(check);
    });
  /** Waits for a frame that matches, then for React to finish that frame's effects, as a person would before the next key. */
  const waitFor = async (match: string | RegExp | ((f: string) => boolean), timeout = 10_000) => {
    const test = typeof match === 'function' ? match : (f: string) => (typeof match === 'string' ? f.includes(match) : match.test(f));
    if (!(await until(() => test(frame()), timeout))) throw new Error(`timed out waiting for ${String(match)}; the screen shows:\n${frame()}`);
    await settled();
  };
  /**
   * Presses keys one at a time, as a person watching would: after each key it waits for the
   * frame that key draws, so a busy machine cannot make keys outrun the renders. A key that
   * changes nothing draws nothing; a bound ends the wait for those (longer for Esc,
   * which the key layer holds a moment to tell it from the start of a sequence).
   */
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      const before = app.frames.length;
      app.stdin.write(k);
      await until(() => app.frames.length > before, k === KEY.esc ? 400 : 300);
      await settled();
    }
  };
  /** Text arrives the way a terminal delivers fast typing or a paste: in one read. */
  const type = (text: string) => press(text);
  return { ...app, frame, waitFor, press, type };
}

/**
 * The real database, recording each list and count the Movies screen asks for, their answers
 * held back while `hold()` is in force (a busy database) until `release()`.
 */
export function heldDatabase(db: DatabaseApi) {
  const lists: PageQuery[] = [];
  const counts: (string | undefined)[] = [];
  let release: () => void = () => {};
  let held: Promise<void> | undefined;
  const movies: MovieService = Object.assign(Object.create(db.movies) as MovieService, {
    list: async (q: PageQuery) => {
      lists.push(q);
      const answer = await db.movies.list(q);
      await held;
      return answer;
    },
    count: async (s?: string, signal?: AbortSignal) => {
      counts.push(s);
      const answer = await db.movies.count(s, signal);
      await held;
      return answer;
    },
  });
  return {
    db: Object.assign(Object.create(db) as DatabaseApi, { movies }),
    lists,
    counts,
    hold: () => {
      held = new Promise<void>((r) => (release = r));
    },
    release: () => {
      held = undefined;
      release();
    },
  };
}
