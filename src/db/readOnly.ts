/**
 * The database for a command that only reads movies (`list`, `show`), without MikroORM where it
 * can: loading MikroORM (and knex and pg through Node's CommonJS loader) was half of a 0.65 s
 * `movies-tui list` on the embedded database. The built-in model has no columns beyond the
 * course's, so a plain MovieReader that keeps to those reads exactly what the store reads. A
 * project's model is MikroORM metadata, and a database created just now needs its migrations:
 * both open the full database, as does a server the plain connection could not reach (the
 * full open then says why in the user's terms).
 */
import type { Database, OpenOptions } from './database.js';
import { openDatabase, startEmbedded } from './open.js';
import { plainConnectionFor } from './plainConnection.js';
import { MovieReader } from './reader.js';
import type { Target } from './target.js';
import type { MovieService } from './types.js';

export interface MovieReads {
  movies: Pick<MovieService, 'list' | 'get' | 'cursorOf'>;
  close(): Promise<void>;
  abandon(): void;
}

/** The course's model: reads keep to the course's columns, as MovieStore does with the built-in model. */
class CourseReader extends MovieReader {
  protected override modelColumnNames(): readonly string[] {
    return [];
  }
}

export async function openForReading(target: Target, options: OpenOptions = {}): Promise<MovieReads | Database> {
  if (target.project) return openDatabase(target, options);
  const embedded = await startEmbedded(target, options.onStep);
  const plain = await plainConnectionFor(target, embedded).catch(() => undefined);
  if (!plain) return openDatabase(target, options, embedded && Promise.resolve(embedded));
  return {
    movies: new CourseReader(plain.run),
    close: async () => {
      await plain.close();
      await embedded?.stop();
    },
    abandon: () => embedded?.abandon(),
  };
}
