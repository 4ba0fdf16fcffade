import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../src/db/errors.js';
import { databaseName, defaultDataDir, describeTarget, describeTargetWithKind, maskUrl, resolveTarget, scrubSecrets } from '../src/db/target.js';

describe('where the data lives', () => {
  const env = { DATABASE_URL: 'postgresql://env@db:5432/movies', HOME: '/home/ann' };

  it('prefers --database-url over DATABASE_URL over the embedded database', () => {
    expect(resolveTarget({ databaseUrl: 'postgresql://flag@h/movies' }, env)).toEqual({ kind: 'server', url: 'postgresql://flag@h/movies', source: 'flag' });
    expect(resolveTarget({}, env)).toEqual({ kind: 'server', url: env.DATABASE_URL, source: 'env' });
    expect(resolveTarget({}, { HOME: '/home/ann' })).toEqual({ kind: 'embedded', dataDir: '/home/ann/.local/share/movies-tui' });
  });

  it('keeps the embedded database in $XDG_DATA_HOME, else ~/.local/share, unless --data-dir says otherwise', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/xdg', HOME: '/home/ann' })).toBe('/xdg/movies-tui');
    expect(defaultDataDir({ HOME: '/home/ann' })).toBe('/home/ann/.local/share/movies-tui');
    expect(resolveTarget({ dataDir: '/data/m' }, { HOME: '/h', MOVIES_TUI_DATA_DIR: '/env/m' })).toEqual({ kind: 'embedded', dataDir: '/data/m' });
    expect(resolveTarget({}, { HOME: '/h', MOVIES_TUI_DATA_DIR: '/env/m', XDG_DATA_HOME: '/xdg' })).toEqual({ kind: 'embedded', dataDir: '/env/m' });
  });

  it('inside a project (found from a folder below it), uses its data dir unless told otherwise, and names it', () => {
    const root = join(mkdtempSync(join(tmpdir(), 'movies-tui-target-')), 'films');
    mkdirSync(join(root, 'notes', 'deeper'), { recursive: true });
    writeFileSync(join(root, 'movies-tui.json'), '{ "migrations": "db/migrations" }');
    const below = join(root, 'notes', 'deeper');
    const target = resolveTarget({}, { HOME: '/h' }, below);
    expect(target).toMatchObject({ kind: 'embedded', dataDir: join(root, '.movies-tui', 'data') });
    expect(target.project).toEqual({ root, name: 'films', model: join(root, 'model', 'movie.ts'), migrations: join(root, 'db', 'migrations'), dataDir: join(root, '.movies-tui', 'data'), seeds: join(root, 'seeds', 'movies.ts') });
    expect(describeTargetWithKind(target)).toBe(`project films · embedded (${join(root, '.movies-tui', 'data')})`);
    expect(resolveTarget({}, { HOME: '/h', MOVIES_TUI_DATA_DIR: '/env/m' }, below)).toMatchObject({ dataDir: '/env/m', project: { name: 'films' } });
    expect(resolveTarget({ dataDir: '/flag/m' }, { HOME: '/h' }, below)).toMatchObject({ dataDir: '/flag/m' });
    const server = resolveTarget({}, env, root);
    expect(describeTargetWithKind(server)).toBe('project films · server postgresql://env@db:5432/movies');
    writeFileSync(join(root, 'movies-tui.json'), '{ "model": 3 }');
    expect(() => resolveTarget({}, { HOME: '/h' }, below)).toThrow(`${join(root, 'movies-tui.json')}: "model" must be a path (such as "model/movie.ts")`);
    writeFileSync(join(root, 'movies-tui.json'), '{ nope');
    expect(() => resolveTarget({}, { HOME: '/h' }, below)).toThrow(UserError);
  });

  it('refuses a URL that is not postgresql:// in one line, without echoing its password', () => {
    expect(() => resolveTarget({ databaseUrl: 'mysql://root:hunter2@h/db' })).toThrow(UserError);
    expect(() => resolveTarget({ databaseUrl: 'mysql://root:hunter2@h/db' })).toThrow(/^invalid database URL mysql:\/\/root:\*\*\*\*@h\/db/);
    expect(() => resolveTarget({ databaseUrl: 'not a url' })).toThrow(/invalid database URL/);
  });
});

describe('password masking', () => {
  it('shows postgresql://postgres:****@localhost:5433/movies for the classic URL', () => {
    expect(maskUrl('postgresql://postgres:secret@localhost:5433/movies')).toBe('postgresql://postgres:****@localhost:5433/movies');
    expect(describeTarget({ kind: 'server', url: 'postgresql://postgres:secret@localhost:5433/movies', source: 'env' })).toBe(
      'postgresql://postgres:****@localhost:5433/movies',
    );
  });

  it('leaves a URL without a password as it is', () => {
    expect(maskUrl('postgresql://postgres@127.0.0.1:5432/postgres')).toBe('postgresql://postgres@127.0.0.1:5432/postgres');
  });

  it('masks even a URL it cannot parse', () => {
    expect(maskUrl('postgresql://u:p@ss w@host/db')).not.toContain('p@ss');
  });

  it('removes the password from any message, in URLs or on its own', () => {
    const url = 'postgresql://postgres:s3cr%40t@localhost:5433/movies';
    expect(scrubSecrets(`failed for ${url}`, url)).toBe('failed for postgresql://postgres:****@localhost:5433/movies');
    expect(scrubSecrets('password s3cr@t was rejected', url)).toBe('password **** was rejected');
  });
});

describe('passwords the process was given', () => {
  it('are hidden in any message once the target is resolved, also on their own and percent-decoded', () => {
    resolveTarget({ databaseUrl: 'postgresql://ann:Gr33n%2Flight@db:5432/movies' });
    expect(scrubSecrets('auth failed; password "Gr33n/light" and Gr33n%2Flight')).toBe('auth failed; password "****" and ****');
  });

  it('are hidden when a / in the password makes the parser take part of it for the host', () => {
    const url = 'postgresql://ann:pa@ss/w0rd@db:5432/movies';
    expect(maskUrl(url)).toBe('postgresql://ann:****@db:5432/movies');
    expect(() => resolveTarget({ databaseUrl: url })).toThrow('invalid database URL postgresql://ann:****@db:5432/movies: a / ? or # in the user name or password must be written %2F %3F %23');
    expect(scrubSecrets(`cannot connect to ${url}: unknown host ss`)).not.toMatch(/pa@ss|w0rd/);
  });

  it('are hidden in URLs of any scheme, up to the last @', () => {
    expect(scrubSecrets('mysql://root:p@ss@h/db and postgres://u:x@y@h2/db')).toBe('mysql://root:****@h/db and postgres://u:****@h2/db');
  });
});

describe('the name typed to confirm a reset', () => {
  it('is the database in the URL, else postgres, or the data dir name, and never empty', () => {
    expect(databaseName({ kind: 'server', url: 'postgresql://u@h/movies', source: 'env' })).toBe('movies');
    expect(databaseName({ kind: 'server', url: 'postgresql://u@h', source: 'env' })).toBe('postgres');
    expect(databaseName({ kind: 'embedded', dataDir: '/home/ann/movies-db' })).toBe('movies-db');
    expect(databaseName({ kind: 'embedded', dataDir: '/' })).toBe('/');
  });
});
