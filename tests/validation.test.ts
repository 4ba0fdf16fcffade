import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/db/errors.js';
import { parseMovie, validateMovie, yearMax } from '../src/db/validation.js';

const good = { title: 'The Matrix', year: 1999, directors: ['Lana Wachowski', 'Lilly Wachowski'] };
const messages = (input: object) => {
  const result = validateMovie(input);
  return result.ok ? [] : result.issues.map((i) => `${i.field}: ${i.message}`);
};

describe('movie validation', () => {
  it('accepts a complete movie and fills in the defaults: in theatres, no rating', () => {
    expect(parseMovie(good)).toEqual({ ...good, theatre: true, mpa: null });
  });

  it('trims the title and each director', () => {
    expect(parseMovie({ ...good, title: '  Heat ', directors: [' Michael Mann '] })).toMatchObject({ title: 'Heat', directors: ['Michael Mann'] });
  });

  it("says 'title: is required' for a missing, empty or blank title", () => {
    for (const title of [undefined, '', '   ']) expect(messages({ ...good, title })).toEqual(['title: is required']);
  });

  it('allows 80 characters (counted as PostgreSQL counts them) and refuses 81', () => {
    expect(messages({ ...good, title: 'é'.repeat(80) })).toEqual([]);
    expect(messages({ ...good, title: '🎬'.repeat(80) })).toEqual([]);
    expect(messages({ ...good, title: 'x'.repeat(81) })).toEqual(['title: must be at most 80 characters']);
  });

  it('refuses control characters in titles and directors', () => {
    expect(messages({ ...good, title: 'a\u001b[31mred' })).toEqual(['title: must not contain control characters']);
    expect(messages({ ...good, directors: ['tab\there'] })).toEqual(['directors[0]: must not contain control characters']);
  });

  it('names the whole-year rule with its bounds, ten years ahead of today', () => {
    const rule = `year: must be a whole number between 1878 and ${new Date().getFullYear() + 10}`;
    for (const year of [1877, yearMax() + 1, 1999.5, 'abc', '19 99', '', undefined, null]) expect(messages({ ...good, year })).toEqual([rule]);
    expect(parseMovie({ ...good, year: ' 1878 ' }).year).toBe(1878);
    expect(parseMovie({ ...good, year: yearMax() }).year).toBe(yearMax());
  });

  it('needs at least one director, and none of them empty', () => {
    expect(messages({ ...good, directors: [] })).toEqual(['directors: at least one director is required']);
    expect(messages({ ...good, directors: undefined })).toEqual(['directors: at least one director is required']);
    expect(messages({ ...good, directors: ['Nolan', '  '] })).toEqual(['directors[1]: must not be empty']);
  });

  it('takes theatre only as a boolean', () => {
    expect(parseMovie({ ...good, theatre: false }).theatre).toBe(false);
    expect(messages({ ...good, theatre: 'yes' })).toEqual(['theatre: must be true or false']);
  });

  it('accepts an empty rating or one of G, PG, PG-13, R, NC-17 (any case)', () => {
    expect(parseMovie({ ...good, mpa: '' }).mpa).toBeNull();
    expect(parseMovie({ ...good, mpa: 'pg-13' }).mpa).toBe('PG-13');
    expect(messages({ ...good, mpa: 'X' })).toEqual(['mpa: must be empty or one of G, PG, PG-13, R, NC-17']);
  });

  it('reports every failing field at once, each naming field and rule', () => {
    expect(() => parseMovie({ title: '', year: 1, directors: [] })).toThrow(ValidationError);
    expect(messages({ title: '', year: 1, directors: [] })).toHaveLength(3);
  });
});
