import { describe, expect, it } from 'vitest';
import { BINDINGS, hints, keyName, resolve, SCOPE_TITLES } from '../../src/ui/keys.js';

import { createParser } from '../../src/ui/input/parse.js';

/** The table's name for what a terminal sends. */
const named = (bytes: string) => {
  const parser = createParser();
  const events = [...parser.push(bytes), ...parser.flush()];
  expect(events).toHaveLength(1);
  const event = events[0]!;
  return event.kind === 'text' ? event.text : event.kind === 'key' ? keyName(event) : event.kind;
};

describe('the key table', () => {
  it('names keys the way the table spells them', () => {
    expect(named('j')).toBe('j');
    expect(named('G')).toBe('G');
    expect(named('\x1b[A')).toBe('up');
    expect(named('\x1b[1;3A')).toBe('alt+up');
    expect(named('\x13')).toBe('ctrl+s');
    expect(named('\x1b[Z')).toBe('shift+tab');
    expect(named('\x7f')).toBe('backspace');
    expect(named('\x1b[3~')).toBe('delete');
    expect(named('\x1b[6~')).toBe('pgdn');
    expect(named('\x1b[1;5P')).toBe('ctrl+f1');
    expect(named('\x1b[15;2~')).toBe('shift+f5');
    expect(named('\x1bb')).toBe('alt+b');
    expect(named('\x1a')).toBe('ctrl+z');
    expect(keyName({ kind: 'key', name: 'space', ctrl: false, alt: false, shift: false, sequence: ' ' })).toBe('space');
    expect(keyName({ kind: 'text', text: 'abc' })).toBe('');
  });

  it('leaves keys it has no binding for unresolved: F-keys, Ctrl+F1, Alt+letters', () => {
    for (const scope of Object.keys(SCOPE_TITLES) as (keyof typeof SCOPE_TITLES)[]) {
      for (const name of ['f1', 'ctrl+f1', 'shift+f12', 'alt+x', 'insert']) expect(resolve(scope, name), `${scope} ${name}`).toBeUndefined();
    }
  });

  it('suspends with Ctrl+Z from every scope, dialogs and text fields included', () => {
    for (const scope of Object.keys(SCOPE_TITLES) as (keyof typeof SCOPE_TITLES)[]) expect(resolve(scope, 'ctrl+z'), scope).toEqual({ scope: 'global', action: 'suspend' });
  });

  it('sends letters to the screen first, then to the global bindings', () => {
    expect(resolve('movies', 'j')).toEqual({ scope: 'movies', action: 'down' });
    expect(resolve('movies', 'q')).toEqual({ scope: 'global', action: 'quit' });
    expect(resolve('migrations', '3')).toEqual({ scope: 'global', action: 'screen3' });
  });

  it('treats letters as typing in text scopes: q, ? and 1–4 do nothing there, Ctrl+C still quits', () => {
    for (const scope of ['form', 'search', 'typed'] as const) {
      expect(resolve(scope, 'q')).toBeUndefined();
      expect(resolve(scope, '?')).toBeUndefined();
      expect(resolve(scope, '2')).toBeUndefined();
      expect(resolve(scope, 'ctrl+c')).toEqual({ scope: 'global', action: 'quit' });
    }
    expect(resolve('form', 'ctrl+s')).toEqual({ scope: 'form', action: 'save' });
  });

  it('gives no key two meanings within a scope', () => {
    for (const scope of Object.keys(SCOPE_TITLES)) {
      const keys = BINDINGS.filter((b) => b.scope === scope).flatMap((b) => b.keys);
      expect(new Set(keys).size, scope).toBe(keys.length);
    }
  });

  it('feeds the footer from the same table', () => {
    expect(hints('movies')).toContain('/ search');
    expect(hints('form')).toContain('^S save');
  });
});

describe('the layering', () => {
  it('src/ui imports nothing from MikroORM, and only types from the database modules', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = new URL('../../src/ui', import.meta.url).pathname;
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = readFileSync(join(root, file), 'utf8');
      expect(source, file).not.toMatch(/@mikro-orm/);
      // Values may come only from the plain modules (validation rules, error classes, password scrubbing, risk lines, migration labels and names, the model's column kinds, types).
      const valueImports = [...source.matchAll(/^import (?!type )[^;]* from '(?:\.\.\/)+db\/(\w+)\.js';$/gm)].map((m) => m[1]);
      for (const mod of valueImports) expect(['validation', 'errors', 'secrets', 'risks', 'migrationLabel', 'migrationName', 'movie', 'columns'], `${file} imports ${mod}`).toContain(mod);
    }
  });

  it("nothing in src/ui reads Ink's input: the app's own key layer (src/ui/input) is the only reader of the keyboard", async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = new URL('../../src/ui', import.meta.url).pathname;
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f));
    for (const file of files) {
      const source = readFileSync(join(root, file), 'utf8');
      expect(source, file).not.toMatch(/\buseInput\b|\buseStdin\b|internal_eventEmitter|ink-text-input|ink-select-input|from 'scheduler'/);
    }
  });
});
