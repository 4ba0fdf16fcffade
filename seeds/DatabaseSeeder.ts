import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import { seedCourse, type SeedResult } from '../src/db/seeds.js';

/**
 * The default seeder, for the MikroORM CLI (`npx mikro-orm seeder:run`); the app runs the same
 * seed through SeedService. Rerunning it is safe: movies already stored (same title and year)
 * are skipped, never duplicated — the course's populate script was not so lucky.
 */
export class DatabaseSeeder extends Seeder {
  result: SeedResult = { inserted: 0, skipped: 0 };

  override async run(em: EntityManager): Promise<void> {
    this.result = await seedCourse(em as SqlEntityManager);
  }
}
