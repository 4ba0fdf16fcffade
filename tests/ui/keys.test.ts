import { describe, expect, it } from 'vitest';
import { BINDINGS, hints, keyName, resolve, SCOPE_TITLES } from '../../src/ui/keys.js';

const key = (over: Record<string, boolean> = {}) =>
  ({ upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false, ...over }) as Parameters<typeof keyName>[1];

describe('the key table', () => {
  it('names keys the way the table spells them', () => {
    expect(keyName('j', key())).toBe('j');
    expect(keyName('G', key({ shift: true }))).toBe('G');
    expect(keyName('', key({ upArrow: true }))).toBe('up');
    expect(keyName('', key({ upArrow: true, meta: true }))).toBe('alt+up');
    expect(keyName('s', key({ ctrl: true }))).toBe('ctrl+s');
    expect(keyName('', key({ tab: true, shift: true }))).toBe('shift+tab');
    expect(keyName('', key({ delete: true }))).toBe('backspace');
    expect(keyName(' ', key())).toBe('space');
    expect(keyName('', key({ pageDown: true }))).toBe('pgdn');
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

describe('the README', () => {
  it('documents every key binding of the table', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const b of BINDINGS) expect(readme, `${b.scope}: ${b.help}`).toContain(`| ${b.help} |`);
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
      // Values may come only from the plain modules (validation rules, error classes, password scrubbing, risk lines, types).
      const valueImports = [...source.matchAll(/^import (?!type )[^;]* from '(?:\.\.\/)+db\/(\w+)\.js';$/gm)].map((m) => m[1]);
      for (const mod of valueImports) expect(['validation', 'errors', 'secrets', 'risks'], `${file} imports ${mod}`).toContain(mod);
    }
  });
});
