/** `export`: the table (or a search) streamed out in the import format, a page at a time. */
import { createWriteStream, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import { UserError } from '../db/errors.js';
import type { Movie } from '../db/movie.js';
import type { MovieService } from '../db/types.js';
import { fileColumns, movieToCsv, movieToJson, type Format } from './records.js';

export interface ExportOptions {
  format: Format;
  search?: string;
  onProgress?: (rows: number) => void;
  /** Stops the export when aborted (the file is left incomplete; the caller removes it). */
  signal?: AbortSignal;
}

const PAGE = 1000;

/** Writes to a file (or stdout for "-"); returns the number of movies written. */
export async function exportFile(movies: MovieService, file: string, options: ExportOptions): Promise<number> {
  if (file === '-') return exportTo(movies, process.stdout, options);
  const out = createWriteStream(file);
  const opened = once(out, 'open').catch((err: NodeJS.ErrnoException) => {
    throw new UserError(`cannot write ${file}: ${err.code === 'ENOENT' ? 'no such directory' : err.code === 'EACCES' ? 'permission denied' : err.message}`);
  });
  await opened;
  try {
    const n = await exportTo(movies, out, options);
    out.end();
    await finished(out);
    return n;
  } catch (err) {
    out.destroy();
    // Half a file would import as a smaller table without a word: remove it.
    rmSync(file, { force: true });
    throw err;
  }
}

/** In id order, so importing the file into an empty database stores the movies in the same order. */
export async function exportTo(movies: MovieService, out: Writable, options: ExportOptions): Promise<number> {
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let written = 0;
  let last: Movie | undefined;
  const extras = await movies.modelColumns();
  const columns = fileColumns(extras);
  await write(options.format === 'csv' ? stringify([columns]) : '[');
  for (;;) {
    if (options.signal?.aborted) throw new UserError('export cancelled');
    const page = await movies.list({ search: options.search, sort: 'id', limit: PAGE, after: last && { key: last.id, id: last.id } });
    if (page.movies.length > 0) {
      if (options.format === 'csv') {
        await write(stringify(page.movies.map((m) => Object.values(movieToCsv(m, extras)))));
      } else {
        await write(page.movies.map((m, i) => `${written + i === 0 ? '' : ','}\n  ${JSON.stringify(movieToJson(m, extras))}`).join(''));
      }
      written += page.movies.length;
      last = page.movies.at(-1);
      options.onProgress?.(written);
    }
    if (!page.more) break;
  }
  await write(options.format === 'csv' ? '' : written > 0 ? '\n]\n' : ']\n');
  return written;
}
