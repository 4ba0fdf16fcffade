/**
 * `import`: read a CSV or JSON file a row at a time, validate every row with the form's
 * rules, and load the valid ones in one statement. All or nothing unless skipInvalid.
 */
import { createWriteStream, openSync, statSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { ConnectionLostError, connectionProblem, UserError } from '../db/errors.js';
import type { BulkLoad, MovieService } from '../db/types.js';
import { NO_MPA_COLUMN } from '../db/movie.js';
import { validateMovie, type MovieData } from '../db/validation.js';
import { openSource, readRows, type FileRow } from './readers.js';
import { ERROR_COLUMN, fileColumns, formatFor, type Format } from './records.js';

export interface ImportOptions {
  format?: Format;
  /** Load the valid rows even if some are rejected. */
  skipInvalid?: boolean;
  /** Validate only; write nothing to the database. */
  dryRun?: boolean;
  /** Write the rejected rows here, as CSV with an error column, to fix and import again. */
  errorsFile?: string;
  onProgress?: (p: ImportProgress) => void;
  /** Stops the import (nothing is written) when aborted. */
  signal?: AbortSignal;
  /** How many rejections the report lists (all are counted, and all go to the errors file). */
  listLimit?: number;
}

export interface ImportProgress {
  phase: 'reading' | 'writing';
  rows: number;
  bytes: number;
  /** Undefined when reading from stdin. */
  totalBytes?: number;
  seconds: number;
}

export interface Rejection {
  /** "line 12" (CSV) or "index 3" (JSON). */
  where: string;
  field: string;
  reason: string;
}

export interface ImportReport {
  file: string;
  format: Format;
  dryRun: boolean;
  /** Rows read from the file (not counting the CSV header). */
  rows: number;
  valid: number;
  imported: number;
  /** Valid rows not loaded because the same title and year is stored, or came earlier in the file. */
  duplicates: number;
  rejected: number;
  /** False when nothing was written: a dry run, or rows were rejected without skipInvalid. */
  written: boolean;
  rejections: Rejection[];
  errorsFile?: string;
  seconds: number;
}

const BATCH = 5000;
const PROGRESS_MS = 100;
const YIELD_MS = 8;

export async function importFile(movies: MovieService, file: string, options: ImportOptions = {}): Promise<ImportReport> {
  try {
    return await importRows(movies, file, options);
  } catch (err) {
    // The transaction died with the connection: nothing of this import reached the table.
    if (!(err instanceof UserError) && connectionProblem(err)) throw new ConnectionLostError(options.dryRun ? 'the file was not checked' : 'nothing was imported', err);
    throw err;
  }
}

async function importRows(movies: MovieService, file: string, options: ImportOptions): Promise<ImportReport> {
  const format = formatFor(file, options.format);
  const totalBytes = file === '-' ? undefined : sizeOf(file);
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  let bytesDone = 0;
  const report: ImportReport = {
    file, format, dryRun: options.dryRun === true, rows: 0, valid: 0, imported: 0, duplicates: 0, rejected: 0, written: false, rejections: [], seconds: 0,
  };
  const limit = options.listLimit ?? Infinity;
  const withMpa = await movies.hasMpa();
  const extras = await movies.modelColumns();
  const errors = options.errorsFile ? new ErrorsFile(options.errorsFile, fileColumns(extras)) : undefined;
  let load: BulkLoad | undefined = options.dryRun ? undefined : await movies.startBulkLoad();
  let batch: MovieData[] = [];
  let lastProgress = 0;
  let lastYield = performance.now();
  const progress = (phase: ImportProgress['phase']) => options.onProgress?.({ phase, rows: report.rows, bytes: bytesDone, totalBytes, seconds: seconds() });

  const reject = (row: FileRow, issues: { field: string; message: string }[]) => {
    report.rejected++;
    const where = format === 'csv' ? `line ${row.ref}` : `index ${row.ref}`;
    for (const issue of issues) if (report.rejections.length < limit) report.rejections.push({ where, field: issue.field, reason: issue.message });
    errors?.write(row, issues);
    // All or nothing: once a row is rejected nothing will be written, so stop staging.
    if (!options.skipInvalid && load) {
      const stale = load;
      load = undefined;
      batch = [];
      return stale.abort();
    }
  };

  // Closed in finally: an import that stops early (the server lost, cancelled) reads no further,
  // and the file (a fifo's writer waiting on it) must not stay open for the app's lifetime.
  const source = openSource(file);
  try {
    for await (const row of readRows(source, format, extras)) {
      if (options.signal?.aborted) throw new UserError('import cancelled; nothing was written');
      report.rows++;
      bytesDone = Math.max(bytesDone, row.end ?? 0);
      if (row.unreadable) {
        await reject(row, [{ field: 'row', message: row.unreadable }]);
      } else {
        const result = validateMovie(row.input!, extras);
        if (!result.ok) await reject(row, result.issues);
        else if (result.value.mpa !== null && !withMpa) await reject(row, [{ field: 'mpa', message: NO_MPA_COLUMN }]);
        else {
          report.valid++;
          if (load) {
            batch.push(result.value);
            if (batch.length >= BATCH) {
              await load.add(batch);
              batch = [];
            }
          }
        }
      }
      // Rows already buffered are read without ever leaving the microtask queue: give the
      // event loop (keys, rendering) a turn every few milliseconds.
      if (performance.now() - lastYield > YIELD_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
      if (performance.now() - lastProgress > PROGRESS_MS) {
        lastProgress = performance.now();
        progress('reading');
      }
    }
    // The file is read to its end (a trailing newline or "]" comes after the last row).
    if (totalBytes !== undefined) bytesDone = totalBytes;
    progress('reading');
    if (load && (options.skipInvalid || report.rejected === 0)) {
      if (batch.length > 0) await load.add(batch);
      progress('writing');
      const committing = load;
      load = undefined;
      report.imported = await committing.commit();
      report.duplicates = report.valid - report.imported;
      report.written = true;
    }
  } finally {
    if (source !== process.stdin) source.destroy();
    await load?.abort().catch(() => {});
    if (errors) report.errorsFile = await errors.close();
  }
  report.seconds = seconds();
  return report;
}

function sizeOf(file: string): number {
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new UserError(`${file} is a directory, not a file`);
    return stat.size;
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String((err as Error).message)}`);
  }
}

/** The rejected rows as CSV in the import format plus an error column: fix them and import the file again. */
class ErrorsFile {
  private readonly csv: ReturnType<typeof stringify>;
  private readonly done: Promise<void>;

  constructor(
    private readonly path: string,
    columns: readonly string[],
  ) {
    this.csv = stringify({ header: true, columns: [...columns, ERROR_COLUMN] });
    let fd: number;
    try {
      fd = openSync(path, 'w');
    } catch (err) {
      throw new UserError(`cannot write the errors file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const out = createWriteStream(path, { fd });
    this.csv.pipe(out);
    this.done = finished(out);
    this.done.catch(() => {});
  }

  write(row: FileRow, issues: { field: string; message: string }[]): void {
    this.csv.write({ ...row.raw, [ERROR_COLUMN]: issues.map((i) => `${i.field}: ${i.message}`).join('; ') });
  }

  /** Returns the path; the file has only its header when no row was rejected. */
  async close(): Promise<string> {
    this.csv.end();
    try {
      await this.done;
    } catch (err) {
      throw new UserError(`cannot write the errors file ${this.path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    return this.path;
  }
}
