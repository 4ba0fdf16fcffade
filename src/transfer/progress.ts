/** Progress text for imports, shared by the CLI's progress bar and the app's Data screen. */
import type { ImportProgress, ImportReport } from './importer.js';

/** 1234567 → "1,234,567". */
export const formatCount = (n: number) => Math.round(n).toLocaleString('en-US');
const fmt = formatCount;

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** 0..1, or undefined when the size is unknown (stdin). */
export function fractionDone(p: ImportProgress): number | undefined {
  if (!p.totalBytes) return undefined;
  return Math.min(1, p.bytes / p.totalBytes);
}

export function bar(fraction: number, width: number): string {
  const full = Math.round(fraction * width);
  return `${'█'.repeat(full)}${'░'.repeat(width - full)}`;
}

/**
 * The bar and percentage (when the size is known), then progressText: one line for the CLI and
 * the app. The percentage is of the file's bytes whose rows are done, and reads 100 % only once
 * every row is read: while the rows are written to the table the line says so instead.
 */
export function progressLine(p: ImportProgress, width = 30): string {
  const f = fractionDone(p);
  if (f === undefined) return progressText(p);
  if (p.phase === 'writing') return `${bar(1, width)} ${progressText(p)}`;
  return `${bar(f, width)} ${String(Math.min(99, Math.floor(f * 100))).padStart(3)}% ${progressText(p)}`;
}

/** "123,456 rows · 98,765 rows/s · ETA 0:12", or the writing phase. */
export function progressText(p: ImportProgress): string {
  if (p.phase === 'writing') return `all ${fmt(p.rows)} rows read · writing them to the table…`;
  const rate = p.seconds > 0 ? p.rows / p.seconds : 0;
  const f = fractionDone(p);
  // From the bytes done so far and the time they took; not before there is something to go on.
  const eta = f && f > 0.01 && f < 1 && p.seconds >= 0.5 ? ` · ETA ${clock((p.seconds / f) * (1 - f))}` : '';
  return `${fmt(p.rows)} rows · ${fmt(rate)} rows/s${eta}`;
}

/** The one-line summary: "imported 998, skipped 2 duplicates, rejected 0". */
export function summary(r: ImportReport): string {
  if (r.dryRun) return `dry run: ${fmt(r.valid)} valid, rejected ${fmt(r.rejected)}; nothing written`;
  if (!r.written) {
    return `nothing imported: rejected ${fmt(r.rejected)} of ${fmt(r.rows)} rows (fix them, or use --skip-invalid to load the ${fmt(r.valid)} valid ones)`;
  }
  return `imported ${fmt(r.imported)}, skipped ${fmt(r.duplicates)} ${r.duplicates === 1 ? 'duplicate' : 'duplicates'}, rejected ${fmt(r.rejected)}`;
}
