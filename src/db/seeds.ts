import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { courseMovies } from '../../seeds/movies.js';
import type { ModelColumn } from './columns.js';
import { insertMissing, insertValidated } from './movies.js';
import { seedFileOf, type Project } from './project.js';

export interface SeedResult {
  inserted: number;
  /** Movies already stored (same title and year): never inserted twice. */
  skipped: number;
  /** A project's seed file: each movie that breaks the model's rules, with its line; the others went in. */
  rejected?: string[];
  /** Where the movies came from: the project's seed file (seeds/movies.ts), else the course's built-in list. */
  source?: string;
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

/**
 * Runs the seed in one transaction and reports what it inserted and skipped: inside a project,
 * the movies of its seed file (each invalid one reported with its line and left out, the
 * others inserted); elsewhere the course's.
 */
export class SeedService {
  constructor(
    private readonly orm: MikroORM,
    private readonly onChange: () => void = () => {},
    private readonly project?: Project,
    /** The model's other columns the live table has: a seed file may give values for them. */
    private readonly columns: () => Promise<ModelColumn[]> = async () => [],
  ) {}

  /** The project's seed file, to edit; undefined outside a project (or in one made before it had one). */
  async file(): Promise<string | undefined> {
    return seedFileOf(this.project);
  }

  async run(): Promise<SeedResult> {
    const result = await this.seed();
    this.onChange();
    return result;
  }

  private async seed(): Promise<SeedResult> {
    const path = seedFileOf(this.project);
    const columns = await this.columns();
    if (!this.project || !path) return this.orm.em.fork().transactional((em) => seedCourse(em as EntityManager, columns));
    const { readSeedFile } = await import('./projectSeeds.js');
    const { file, valid, rejected } = await readSeedFile(this.project, path, columns);
    const inserted = await this.orm.em.fork().transactional((em) => insertValidated(em as EntityManager, valid, columns));
    return { inserted, skipped: valid.length - inserted, rejected, source: file };
  }
}
