import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { courseMovies } from '../../seeds/movies.js';
import { insertMissing } from './movies.js';

export interface SeedResult {
  inserted: number;
  skipped: number;
}

/**
 * The default seed: the course's movies. Rerunning it is safe: movies already stored (same
 * title and year) are skipped, never duplicated. The MikroORM CLI's DatabaseSeeder runs the same.
 */
export async function seedCourse(em: EntityManager): Promise<SeedResult> {
  const inserted = await insertMissing(em, courseMovies);
  return { inserted, skipped: courseMovies.length - inserted };
}

/** Runs the default seed in one transaction and reports what it inserted and skipped. */
export class SeedService {
  constructor(
    private readonly orm: MikroORM,
    private readonly onChange: () => void = () => {},
  ) {}

  async run(): Promise<SeedResult> {
    const result = await this.orm.em.fork().transactional((em) => seedCourse(em as EntityManager));
    this.onChange();
    return result;
  }
}
