import type { MikroORM } from '@mikro-orm/core';
import { DatabaseSeeder, type SeedResult } from '../../seeds/DatabaseSeeder.js';

export type { SeedResult };

/** Runs the default seeder in one transaction and reports what it inserted and skipped. */
export class SeedService {
  constructor(
    private readonly orm: MikroORM,
    private readonly onChange: () => void = () => {},
  ) {}

  async run(): Promise<SeedResult> {
    const seeder = new DatabaseSeeder();
    await this.orm.em.fork().transactional((em) => seeder.run(em));
    this.onChange();
    return seeder.result;
  }
}
