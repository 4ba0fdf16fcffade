import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { courseMovies } from '../../seeds/movies.js';
import type { ModelColumn } from './columns.js';
import { insertMissing } from './movies.js';

export interface SeedResult {
  inserted: number;
  skipped: number;
}

/**
 * The default seed: the course's movies. Rerunning it is safe: movies already stored (same
 * title and year) are skipped, never duplicated. The MikroORM CLI's DatabaseSeeder runs the same.
 */
export async function seedCourse(em: EntityManager, extras: readonly ModelColumn[] = []): Promise<SeedResult> {
  // The model's other columns are checked too: a required one (no default) names itself, and the rest take their defaults.
  const inserted = await insertMissing(em, courseMovies, extras);
  return { inserted, skipped: courseMovies.length - inserted };
}

/** Runs the default seed in one transaction and reports what it inserted and skipped. */
export class SeedService {
  constructor(
    private readonly orm: MikroORM,
    private readonly onChange: () => void = () => {},
    /** The model's other columns the live table has (MovieStore.modelColumns). */
    private readonly extras: () => Promise<ModelColumn[]> = async () => [],
  ) {}

  async run(): Promise<SeedResult> {
    const extras = await this.extras();
    const result = await this.orm.em.fork().transactional((em) => seedCourse(em as EntityManager, extras));
    this.onChange();
    return result;
  }
}
