import { describe, expect, it } from 'vitest';
import { SLUG_MAX, commentOf, slugOf } from '../src/db/migrationName.js';

describe('a migration name from its message', () => {
  it('is the words in snake_case', () => {
    expect(slugOf('Add runtime column')).toBe('add_runtime_column');
    expect(slugOf('Add mpa column to Movie model.')).toBe('add_mpa_column_to_movie_model');
    expect(slugOf('add_runtime_column')).toBe('add_runtime_column');
  });

  it('keeps ASCII letters and digits only, dropping accents and leading digits', () => {
    expect(slugOf('Ajouter la durée (minutes) → "runtime"')).toBe('ajouter_la_duree_minutes_runtime');
    expect(slugOf('  2nd try: index on year  ')).toBe('nd_try_index_on_year');
    expect(slugOf('../../etc/passwd; rm -rf /')).toBe('etc_passwd_rm_rf');
    expect(slugOf('Ｆｕｌｌ width')).toBe('full_width');
  });

  it('is cut to SLUG_MAX characters, never ending in an underscore', () => {
    const slug = slugOf('word '.repeat(100));
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(slug).toMatch(/^[a-z][a-z0-9_]*[a-z0-9]$/);
  });

  it('is empty when nothing usable is left', () => {
    for (const message of ['', '   ', '!!! ???', '123', '—', '日本語']) expect(slugOf(message), message).toBe('');
  });
});

describe('a migration comment from its message', () => {
  it('is one line without control characters or bidirectional overrides', () => {
    expect(commentOf('Add runtime\n*/ evil(); //\r\u2028x\u001b[2J \u202eabc')).toBe('Add runtime */ evil(); // x [2J abc');
  });
});
