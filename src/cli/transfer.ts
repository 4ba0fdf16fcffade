import { InvalidArgumentError, Option, type Command } from 'commander';
import { json, out, withDb } from './context.js';
import { inert } from '../text/inert.js';
import { FORMATS, formatFor, type Format } from '../transfer/records.js';
import type { ImportProgress, ImportReport } from '../transfer/importer.js';

const LISTED = 50;

function formatOption() {
  return new Option('--format <format>', 'csv or json (default: from the file name)').argParser((v: string) => {
    if (!(FORMATS as readonly string[]).includes(v)) throw new InvalidArgumentError('use csv or json');
    return v as Format;
  });
}

interface ImportFlags {
  format?: Format;
  skipInvalid?: boolean;
  dryRun?: boolean;
  errors?: string;
  json?: boolean;
  progress?: boolean;
}

/** import, export */
export function addTransferCommands(program: Command): void {
  program
    .command('import')
    .description('load movies from a CSV or JSON file; all or nothing unless --skip-invalid')
    .argument('<file>', 'a .csv or .json file, or - for standard input (with --format)')
    .addOption(formatOption())
    .option('--skip-invalid', 'load the valid rows even if some are rejected')
    .option('--dry-run', 'validate only; write nothing')
    .option('--errors <file>', 'write the rejected rows here as CSV, with an error column, to fix and import again')
    .option('--no-progress', 'no progress bar (there is none when stderr is not a terminal)')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', `
CSV: a header line with title,year,directors (theatre and mpa optional), directors
separated by ";", quoting per RFC 4180. JSON: an array of objects with those keys,
directors an array. Movies already stored (same title, any case, and year) are skipped.`)
    .action(async (file: string, opts: ImportFlags, cmd: Command) => {
      // A usage error before the database is opened: nothing runs.
      formatFor(file, opts.format);
      const { importFile } = await import('../transfer/importer.js');
      const { progressLine, summary } = await import('../transfer/progress.js');
      const tty = process.stderr.isTTY && opts.progress !== false && !opts.json;
      const draw = (p: ImportProgress) => process.stderr.write(`\r\x1b[2K${progressLine(p)}`);
      let report: ImportReport;
      try {
        report = await withDb(cmd, (db) =>
          importFile(db.movies, file, {
            format: opts.format,
            skipInvalid: opts.skipInvalid,
            dryRun: opts.dryRun,
            errorsFile: opts.errors,
            onProgress: tty ? draw : undefined,
            listLimit: opts.json ? Infinity : LISTED,
          }),
        );
      } finally {
        if (tty) process.stderr.write('\r\x1b[2K');
      }
      if (opts.json) json(report);
      else {
        for (const r of report.rejections) process.stderr.write(`${r.where}: ${r.field}: ${inert(r.reason)}\n`);
        const issues = report.rejections.length;
        if (report.rejected > 0 && issues >= LISTED) {
          process.stderr.write(`… rejected ${report.rejected} rows in all${report.errorsFile ? `; every one is in ${report.errorsFile}` : '; write them all with --errors FILE'}\n`);
        } else if (report.errorsFile && report.rejected > 0) {
          process.stderr.write(`rejected rows written to ${report.errorsFile}\n`);
        }
        out(summary(report));
      }
      // Rejected rows left the table unchanged: that is a failure for scripts.
      if (!report.dryRun && !report.written) process.exitCode = 1;
      if (report.dryRun && report.rejected > 0) process.exitCode = 1;
    });

  program
    .command('export')
    .description('write the movies (or a search) as CSV or JSON, in the import format')
    .argument('[file]', 'where to write; - or nothing for standard output', '-')
    .addOption(formatOption())
    .option('--search <text>', 'only movies whose title or a director contains this (any case)')
    .action(async (file: string, opts: { format?: Format; search?: string }, cmd: Command) => {
      const { exportFile } = await import('../transfer/exporter.js');
      const format = file === '-' ? (opts.format ?? 'csv') : formatFor(file, opts.format);
      const n = await withDb(cmd, (db) => exportFile(db.movies, file, { format, search: opts.search }));
      if (file !== '-') process.stderr.write(`exported ${n.toLocaleString('en-US')} movies to ${file}\n`);
    });
}
