import { expect, it } from 'vitest';
import { createdFunctions } from '../src/db/resetSchema.js';

it('names each function a migration creates as drop function takes it, argument types included', () => {
  expect(
    createdFunctions([
      `create or replace function movie_directors_text(text[]) returns text language sql immutable as $$ select 1 $$;`,
      `CREATE FUNCTION movie_price(numeric(10,2), int) returns int language sql as $$ select 1 $$;`,
      `create trigger movie_bump_version before update on "movie" for each row execute function movie_bump_version();`,
      `create or replace function movie_bump_version() returns trigger language plpgsql as $$ begin return new; end $$;`,
      `create or replace function movie_directors_text(text[]) returns text language sql immutable as $$ select 2 $$;`,
    ]),
  ).toEqual(['movie_directors_text(text[])', 'movie_price(numeric(10,2), int)', 'movie_bump_version()']);
});
