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

  it('refuses control characters in titles and directors, naming the one found (ESC as the start of an escape sequence)', () => {
    expect(messages({ ...good, title: 'a\u001b[31mred' })).toEqual(['title: must not contain control characters (found U+001B ESC, which starts terminal escape sequences)']);
    expect(messages({ ...good, directors: ['tab\there'] })).toEqual(['directors[0]: must not contain control characters (found U+0009 tab)']);
    expect(messages({ ...good, title: 'nul\0' })).toEqual(['title: must not contain control characters (found U+0000 NUL)']);
    expect(messages({ ...good, title: 'c1\u009b31m' })).toEqual(['title: must not contain control characters (found U+009B)']);
  });

  it('refuses a lone UTF-16 surrogate, which could not be stored as it is', () => {
    for (const title of ['x\ud800', '\udc00y', 'a\udc00\ud800b']) {
      expect(messages({ ...good, title })).toEqual(['title: must not contain unpaired UTF-16 surrogates (not valid Unicode text)']);
    }
    expect(messages({ ...good, directors: ['\ud83c'] })).toEqual(['directors[0]: must not contain unpaired UTF-16 surrogates (not valid Unicode text)']);
  });

  it('refuses bidi overrides, embeddings and isolates, which can make a row display reversed', () => {
    for (const ch of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      const code = `U+${ch.charCodeAt(0).toString(16).toUpperCase()}`;
      expect(messages({ ...good, title: `${ch}evil` })).toEqual([`title: must not contain bidirectional control characters (found ${code}, which can make text display reversed)`]);
    }
  });

  it('refuses a byte order mark (U+FEFF) anywhere in a name, even where trimming would remove it', () => {
    for (const title of ['in\ufeffside', '\ufeffHeat', 'Heat\ufeff ']) {
      expect(messages({ ...good, title })).toEqual(['title: must not contain U+FEFF, a byte order mark (for a zero-width no-break space use U+2060)']);
    }
    expect(messages({ ...good, directors: ['\ufeffMann'] })).toEqual(['directors[0]: must not contain U+FEFF, a byte order mark (for a zero-width no-break space use U+2060)']);
  });

  it('accepts emoji, wide, combining, zero-width, right-to-left and SQL-looking text as it is', () => {
    const titles = ['👨\u200d👩\u200d👧 🎬', '千と千尋の神隠し', 'Ame\u0301lie', 'zero\u200bwidth\u200cjoin', 'שלום \u200fעולם', 'الرسالة', `Robert'); DROP TABLE movie;--`, '50% \\ "quoted" \'single\' --', 'word\u2060joiner', 'line\u2028separator'];
    for (const title of titles) expect(parseMovie({ ...good, title }).title).toBe(title);
    expect(parseMovie({ ...good, directors: ["O'Brien \\ %_", '宮崎駿'] }).directors).toEqual(["O'Brien \\ %_", '宮崎駿']);
  });

  it('allows a director 100 characters long and refuses 101', () => {
    expect(messages({ ...good, directors: ['d'.repeat(100)] })).toEqual([]);
    expect(messages({ ...good, directors: ['d'.repeat(101)] })).toEqual(['directors[0]: must be at most 100 characters']);
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
