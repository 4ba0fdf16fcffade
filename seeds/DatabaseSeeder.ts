import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import { insertMissing } from '../src/db/movies.js';
import { courseMovies } from './movies.js';

export interface SeedResult {
  inserted: number;
  skipped: number;
}

/**
 * The default seeder. Rerunning it is safe: movies already stored (same title and
 * year) are skipped, never duplicated — the course's populate script was not so lucky.
 */
export class DatabaseSeeder extends Seeder {
  result: SeedResult = { inserted: 0, skipped: 0 };

  override async run(em: EntityManager): Promise<void> {
    const inserted = await insertMissing(em as SqlEntityManager, courseMovies);
    this.result = { inserted, skipped: courseMovies.length - inserted };
  }
}
