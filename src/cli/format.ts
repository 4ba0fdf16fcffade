import type { DatabaseInfo } from '../db/catalog.js';
import type { MigrationPlan, MigrationState } from '../db/migrations.js';
import type { Movie } from '../db/movie.js';
import { columnText, type ColumnValue } from '../db/columns.js';
import { fitWidth, inert } from '../text/inert.js';
import { countText, directorsText, theatreText } from '../text/movie.js';

// Text from the database is printed through inert() (or fitWidth(), which uses it): a title
// stored with an escape sequence must not clear or recolour the user's terminal.

export const MOVIE_HEADER = `${'ID'.padStart(6)}  ${fitWidth('TITLE', 36)}  YEAR  ${fitWidth('DIRECTORS', 28)}  THEATRE  MPA`;

/** The width of an extra column in the list: its name, at least 10 (a date) and at most 20 characters. */
const extraWidth = (name: string) => Math.min(20, Math.max(10, name.length));
const extraNames = (m: Movie | undefined) => Object.keys(m?.extra ?? {});

/** The list's header: the course's columns, then the model's other ones (those of `first`, any row of the list). */
export function movieHeader(first?: Movie): string {
  const extras = extraNames(first);
  if (extras.length === 0) return MOVIE_HEADER;
  return `${MOVIE_HEADER}    ${extras.map((n) => fitWidth(n.toUpperCase(), extraWidth(n))).join('  ')}`.trimEnd();
}

export function movieLine(m: Movie): string {
  const course = `${String(m.id).padStart(6)}  ${fitWidth(m.title, 36)}  ${m.year}  ${fitWidth(directorsText(m.directors), 28)}  ${fitWidth(theatreText(m.theatre), 7)}  `;
  const extras = extraNames(m);
  if (extras.length === 0) return `${course}${m.mpa ?? ''}`.trimEnd();
  return `${course}${fitWidth(m.mpa ?? '', 5)}  ${extras.map((n) => fitWidth(valueText(m.extra![n]), extraWidth(n))).join('  ')}`.trimEnd();
}

/** The documented JSON shape of a movie: every key always present, mpa null when unrated or absent, version null before its migration; then the model's other columns by name. */
export function movieJson(m: Movie) {
  return { id: m.id, title: m.title, year: m.year, directors: m.directors, theatre: m.theatre, mpa: m.mpa ?? null, version: m.version ?? null, ...m.extra };
}

export function movieDetails(m: Movie): string {
  const width = Math.max(10, ...extraNames(m).map((n) => n.length + 1));
  const line = (label: string, value: string) => `${`${label}:`.padEnd(width)} ${value}`;
  const lines = [line('id', String(m.id)), line('title', inert(m.title)), line('year', String(m.year)), line('directors', inert(directorsText(m.directors))), line('theatre', theatreText(m.theatre))];
  if (m.mpa !== undefined) lines.push(line('mpa', m.mpa ?? '(none)'));
  if (m.version !== undefined) lines.push(line('version', String(m.version)));
  for (const name of extraNames(m)) lines.push(line(inert(name), m.extra![name] === null ? '(none)' : inert(valueText(m.extra![name]))));
  return lines.join('\n');
}

/** A value of another column as one line (columns.ts's columnText). */
const valueText = (v: ColumnValue | undefined) => columnText({ name: '', kind: 'text', nullable: true }, v);

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
    `kind:            ${info.kind}${info.sharedWith === undefined ? '' : ` (shared with PID ${info.sharedWith})`}`,
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
