import { describe, expect, it } from 'vitest';
import { comesBackEmpty, findRisks, parseType, riskMessage, type ColumnTypes } from '../src/db/risks.js';

const movieTypes = (): ColumnTypes =>
  new Map([
    ['movie.id', 'integer'],
    ['movie.title', 'character varying(80)'],
    ['movie.year', 'integer'],
    ['movie.directors', 'text[]'],
    ['movie.mpa', 'character varying(5)'],
    ['movie.notes', 'text'],
    ['movie.rating', 'numeric(4,2)'],
    ['movie.views', 'bigint'],
  ]);

const whats = (statements: string[], types = movieTypes()) => findRisks(statements, types).map((s) => s.what);

describe('finding the destructive steps of a migration from its SQL', () => {
  it('flags dropped columns and tables, with the query that counts what they hold', () => {
    const [column] = findRisks(['alter table "movie" drop column "mpa";'], movieTypes());
    expect(column).toMatchObject({ what: 'drops movie.mpa', unit: 'non-empty values' });
    expect(column!.countSql).toBe(`select count(*) as n from "movie" where "mpa" is not null and "mpa"::text <> ''`);
    expect(riskMessage(column!, 812)).toBe('drops movie.mpa: 812 non-empty values');

    const [table] = findRisks(['drop table if exists "movie" cascade;']);
    expect(table).toMatchObject({ what: 'drops table movie', countSql: 'select count(*) as n from "movie"', unit: 'rows' });
    expect(whats(['DROP TABLE public.a, "B";'])).toEqual(['drops table a', 'drops table B']);
    expect(whats(['alter table movie drop mpa, drop column if exists notes, drop constraint movie_pkey'])).toEqual(['drops movie.mpa', 'drops movie.notes']);
  });

  it('flags a type narrowed (shorter text, smaller integer, less precision) and counts the values that do not fit', () => {
    const [title] = findRisks(['alter table "movie" alter column "title" type varchar(5) using "title"::varchar(5);'], movieTypes());
    expect(title).toMatchObject({ what: 'narrows movie.title from character varying(80) to varchar(5)', unit: 'values longer than 5 characters' });
    expect(title!.countSql).toBe('select count(*) as n from "movie" where length("title"::text) > 5');
    expect(whats(['alter table movie alter column notes type varchar(200)'])).toEqual(['narrows movie.notes from text to varchar(200)']);
    expect(whats(['alter table movie alter column views type int'])).toEqual(['narrows movie.views from bigint to int']);
    expect(findRisks(['alter table movie alter column views type int'], movieTypes())[0]!.countSql).toContain('not between -2147483648 and 2147483647');
    expect(whats(['alter table movie alter column rating type numeric(3,1)'])).toEqual(['narrows movie.rating from numeric(4,2) to numeric(3,1)']);
    expect(whats(['alter table movie alter column rating set data type integer'])).toEqual(['narrows movie.rating from numeric(4,2) to integer']);
  });

  it('lets widenings through: longer text, text, bigger integers, more precision', () => {
    expect(
      whats([
        'alter table movie alter column title type varchar(200)',
        'alter table movie alter column mpa type text',
        'alter table movie alter column year type bigint',
        'alter table movie alter column rating type numeric(6,2)',
        'alter table movie alter column year type numeric(20,0)',
        'alter table movie alter column directors type text[]',
        'alter table movie alter column id type integer',
      ]),
    ).toEqual([]);
  });

  it('treats a type change it cannot judge as one that may lose data', () => {
    const [step] = findRisks(['alter table movie alter column notes type jsonb using notes::jsonb'], movieTypes());
    expect(step).toMatchObject({ what: 'changes the type of movie.notes from text to jsonb', unit: 'non-null values that may change or be lost' });
    expect(whats(['alter table movie alter column unknown_col type varchar(10)'])).toEqual(['changes the type of movie.unknown_col from its current type to varchar(10)']);
    expect(whats(['alter table movie alter column directors type varchar(10)[]'])).toEqual(['changes the type of movie.directors from text[] to varchar(10)[]']);
  });

  it('follows the types through the plan: a column added then narrowed is judged by its new type', () => {
    const types = movieTypes();
    expect(whats(['alter table movie add column code varchar(10) null', 'alter table movie alter column code type varchar(20)'], types)).toEqual([]);
    expect(types.get('movie.code')).toBe('varchar(20)');
    expect(whats(['alter table movie drop column code', 'alter table movie alter column code type varchar(5)'], types)).toEqual([
      'drops movie.code',
      'changes the type of movie.code from its current type to varchar(5)',
    ]);
  });

  it('flags new NOT NULL constraints that existing rows may break', () => {
    expect(whats(['alter table "movie" add column "version" int not null;', 'alter table movie alter column mpa set not null'])).toEqual([
      'adds movie.version NOT NULL without a default',
      'makes movie.mpa NOT NULL',
    ]);
    expect(findRisks(['alter table movie alter column mpa set not null'])[0]!.countSql).toBe('select count(*) as n from "movie" where "mpa" is null');
    expect(whats(['alter table "movie" add column "version" int not null default 1;', 'alter table movie add column x int null'])).toEqual([]);
  });

  it('flags TRUNCATE, DELETE (counting the rows its WHERE picks) and DROP … CASCADE', () => {
    expect(findRisks(['truncate table movie, other restart identity'])).toMatchObject([
      { what: 'empties table movie', countSql: 'select count(*) as n from "movie"' },
      { what: 'empties table other' },
    ]);
    const [del] = findRisks([`delete from "movie" m where m.year < 1900 returning id;`]);
    expect(del).toMatchObject({ what: 'deletes from movie', countSql: 'select count(*) as n from "movie" m where m.year < 1900' });
    expect(findRisks(['delete from movie using other where movie.id = other.id'])[0]!.countSql).toBeUndefined();
    const [cascade] = findRisks(['drop function movie_directors_text(text[]) cascade;']);
    expect(riskMessage(cascade!, undefined)).toBe('drop function movie_directors_text(text[]) with CASCADE: whatever depends on it is dropped too');
  });

  it('leaves the course migrations alone except the drops', () => {
    expect(
      whats([
        'create table "movie" ("id" serial primary key, "title" varchar(80) not null, "year" int not null, "directors" text[] not null, "theatre" boolean not null default true);',
        'alter table "movie" add column "mpa" varchar(5) null;',
        'create unique index "movie_title_year_unique" on "movie" (lower("title"), "year");',
        'drop index "movie_title_year_unique";',
        'drop function movie_directors_text(text[]);',
        'create extension if not exists pg_trgm;',
        "insert into movie (title, year, directors) values ('Drop table', 1999, '{}')",
      ]),
    ).toEqual([]);
  });

  it('says so when a count could not be made', () => {
    const [step] = findRisks(['drop table gone']);
    expect(riskMessage(step!, undefined)).toBe('drops table gone: could not count the rows (assume data is lost)');
  });

  it('reads PostgreSQL type names the way format_type writes them', () => {
    expect(parseType('character varying(80)')).toEqual({ base: 'varchar', args: [80], array: false });
    expect(parseType('numeric(4, 2)')).toEqual({ base: 'numeric', args: [4, 2], array: false });
    expect(parseType('text[]')).toEqual({ base: 'text', args: [], array: true });
    expect(parseType('timestamp(3) with time zone')).toEqual({ base: 'timestamptz', args: [3], array: false });
    expect(parseType('char')).toEqual({ base: 'bpchar', args: [1], array: false });
  });
});

describe('comesBackEmpty: what a rollback brings back without its data', () => {
  it('names a column the up drops and the down adds again', () => {
    expect(comesBackEmpty(['alter table "movie" drop column "runtime";'], ['alter table "movie" add column "runtime" int null;'])).toEqual([
      'movie.runtime comes back empty: its values were dropped when the migration was applied, and PostgreSQL cannot bring them back',
    ]);
  });
  it('names a dropped table created again, and nothing for a migration that only adds', () => {
    expect(comesBackEmpty(['drop table "extra";'], ['create table "extra" ("id" serial primary key);'])).toEqual([
      'table extra comes back empty: its rows were dropped when the migration was applied, and PostgreSQL cannot bring them back',
    ]);
    expect(comesBackEmpty(['alter table "movie" add column "mpa" varchar(5) null;'], ['alter table "movie" drop column "mpa";'])).toEqual([]);
  });
});
