import type { DatabaseInfo } from '../db/catalog.js';
import type { MigrationPlan, MigrationState } from '../db/migrations.js';
import type { Movie } from '../db/movie.js';
import { fitWidth, inert } from '../text/inert.js';
import { countText, directorsText, theatreText } from '../text/movie.js';

// Text from the database is printed through inert() (or fitWidth(), which uses it): a title
// stored with an escape sequence must not clear or recolour the user's terminal.

export const MOVIE_HEADER = `${'ID'.padStart(6)}  ${fitWidth('TITLE', 36)}  YEAR  ${fitWidth('DIRECTORS', 28)}  THEATRE  MPA`;

export function movieLine(m: Movie): string {
  return `${String(m.id).padStart(6)}  ${fitWidth(m.title, 36)}  ${m.year}  ${fitWidth(directorsText(m.directors), 28)}  ${fitWidth(theatreText(m.theatre), 7)}  ${m.mpa ?? ''}`.trimEnd();
}

/** The documented JSON shape of a movie: every key always present, mpa null when unrated or absent, version null before its migration. */
export function movieJson(m: Movie) {
  return { id: m.id, title: m.title, year: m.year, directors: m.directors, theatre: m.theatre, mpa: m.mpa ?? null, version: m.version ?? null };
}

export function movieDetails(m: Movie): string {
  const lines = [`id:        ${m.id}`, `title:     ${inert(m.title)}`, `year:      ${m.year}`, `directors: ${inert(directorsText(m.directors))}`, `theatre:   ${theatreText(m.theatre)}`];
  if (m.mpa !== undefined) lines.push(`mpa:       ${m.mpa ?? '(none)'}`);
  if (m.version !== undefined) lines.push(`version:   ${m.version}`);
  return lines.join('\n');
}

export function statusLines(states: MigrationState[]): string[] {
  const width = Math.max(...states.map((s) => s.label.length), 9);
  return states.map((s) =>
    s.applied
      ? `  applied  ${s.label.padEnd(width)}  ${s.executedAt ? s.executedAt.toISOString().replace('T', ' ').slice(0, 19) : ''}`
      : `  pending  ${s.label}`,
  );
}

export function planLines(plans: MigrationPlan[]): string[] {
  return plans.flatMap((p) => [`-- ${p.direction === 'up' ? 'apply' : 'roll back'} ${p.label} (${p.name})`, ...p.statements, '']);
}

export function infoLines(info: DatabaseInfo): string[] {
  const lines = [
    `kind:            ${info.kind}`,
    ...(info.project ? [`project:         ${inert(info.project.name)} (${inert(info.project.root)})`] : []),
    `database:        ${info.target}`,
    `server version:  ${info.serverVersion}`,
    `movies:          ${info.rows ? countText(info.rows) : 'no movie table (run: movies-tui migrate up)'}`,
  ];
  if (info.columns.length > 0) {
    const nameW = Math.max(...info.columns.map((c) => c.name.length));
    const typeW = Math.max(...info.columns.map((c) => c.type.length));
    lines.push('columns of movie:');
    for (const c of info.columns) {
      lines.push(`  ${c.name.padEnd(nameW)}  ${c.type.padEnd(typeW)}  ${c.nullable ? 'null    ' : 'not null'}${c.default ? `  default ${c.default}` : ''}`.trimEnd());
    }
    lines.push('indexes of movie:');
    for (const i of info.indexes) lines.push(`  ${i.name}: ${i.definition.replace(/^CREATE (UNIQUE )?INDEX \S+ ON \S+ USING /, (_m, u) => (u ? 'unique ' : ''))}`);
  }
  return [...lines, ...historyLines(info)];
}

/** The history table as stored: a migration is applied while its row is there. */
function historyLines(info: DatabaseInfo): string[] {
  if (!info.history) return [`history: no ${info.historyTable} table yet (the first migration run makes it)`];
  const lines = [`history (${info.historyTable}; a migration is applied while its row is here: up inserts it in the migration's own transaction, down deletes it):`];
  if (info.history.length === 0) return [...lines, '  (no rows: nothing is applied)'];
  const nameW = Math.max(4, ...info.history.map((h) => h.name.length));
  const idW = Math.max(2, ...info.history.map((h) => String(h.id).length));
  lines.push(`  ${'id'.padStart(idW)}  ${'name'.padEnd(nameW)}  executed_at`);
  for (const h of info.history) lines.push(`  ${String(h.id).padStart(idW)}  ${inert(h.name).padEnd(nameW)}  ${h.executedAt ? h.executedAt.toISOString().replace('T', ' ').slice(0, 19) : ''}`);
  return lines;
}
