import { Text } from 'ink';
import React from 'react';
import { columnText, type ModelColumn } from '../../../db/columns.js';
import type { Movie } from '../../../db/types.js';
import { directorsText, theatreText } from '../../../text/movie.js';
import { tableRow } from '../../tableCell.js';

/** The id column, shown while the list is sorted by id: room for "Id ↓" and ids of up to 8 digits. */
const ID_WIDTH = 9;
/** Year holds "Year ↑" when sorted by it. */
const YEAR_WIDTH = 7;
/**
 * What title and directors keep between them before a model column may take any room (40 columns,
 * or 45 % of a wider terminal): a column that does not fit is left out.
 */
const MIN_FLEXIBLE = 40;
const minFlexible = (width: number) => Math.max(MIN_FLEXIBLE, Math.floor(width * 0.45));
/** The widest a model column's cell gets; longer values end in "…" (Enter shows them whole). */
const EXTRA_MAX = 22;

/** Column widths for a terminal width: title and directors share what the fixed columns leave. */
export function columns(width: number, hasMpa: boolean, showId = false, extras = 0) {
  const fixed = 2 + YEAR_WIDTH + 9 + (hasMpa ? 7 : 0) + (showId ? ID_WIDTH : 0) + extras;
  const flexible = Math.max(20, width - fixed);
  const title = Math.ceil(flexible * 0.55);
  return { title, directors: flexible - title };
}

/** How many columns a model column's values take, by its type (one more keeps a gap before the next cell). */
function valueWidth(c: ModelColumn): number {
  switch (c.kind) {
    case 'integer':
      return 7;
    case 'numeric':
      return Math.min(EXTRA_MAX, c.precision ? c.precision + 2 : 10);
    case 'boolean':
      return 3;
    case 'date':
      return 10;
    case 'timestamp':
      return 19;
    case 'varchar':
      return Math.min(EXTRA_MAX, c.length ?? EXTRA_MAX);
    default:
      return EXTRA_MAX;
  }
}

/** A model column's cell: its values or its name with the sort arrow ("runtime ↑"), whichever is wider, and a gap. */
export const extraWidth = (c: ModelColumn) => Math.min(EXTRA_MAX, Math.max(valueWidth(c), [...c.name].length + 2)) + 1;

export interface TableLayout {
  showId: boolean;
  /** The model's columns that fit, in model order. */
  extras: ModelColumn[];
  widths: number[];
}

/**
 * Which columns the list shows at this width and how wide: the course's, then the model's own
 * columns in model order as long as title and directors keep minFlexible() columns between them.
 * The sorted column is placed first, so sorting by a column shows it whenever it fits at all.
 */
export function tableLayout(width: number, hasMpa: boolean, sortField: string, model: readonly ModelColumn[] = []): TableLayout {
  const showId = sortField === 'id';
  const base = width - (2 + YEAR_WIDTH + 9 + (hasMpa ? 7 : 0) + (showId ? ID_WIDTH : 0));
  const byPriority = [...model].sort((a, b) => Number(b.name === sortField) - Number(a.name === sortField));
  const fitting = new Set<ModelColumn>();
  let used = 0;
  for (const c of byPriority) {
    if (base - used - extraWidth(c) < minFlexible(width)) continue;
    fitting.add(c);
    used += extraWidth(c);
  }
  const extras = model.filter((c) => fitting.has(c));
  const w = columns(width, hasMpa, showId, used);
  return { showId, extras, widths: [...(showId ? [ID_WIDTH] : []), w.title, YEAR_WIDTH, w.directors, 9, ...(hasMpa ? [7] : []), ...extras.map(extraWidth)] };
}

/** The sort, as "title ↑": its field and arrow. */
export const sortOf = (sortLabel: string) => {
  const at = sortLabel.lastIndexOf(' ');
  return { field: sortLabel.slice(0, at), arrow: sortLabel.slice(at + 1) };
};

export function MovieHeader({ layout, hasMpa, sortLabel }: { layout: TableLayout; hasMpa: boolean; sortLabel: string }) {
  const sort = sortOf(sortLabel);
  // The sorted column's name, then a space and its arrow, alike for every column.
  const name = (field: string, title: string) => (sort.field === field ? `${title} ${sort.arrow}` : title);
  const names = [
    ...(layout.showId ? [name('id', 'Id')] : []),
    name('title', 'Title'),
    name('year', 'Year'),
    'Directors',
    'Theatre',
    ...(hasMpa ? ['MPA'] : []),
    ...layout.extras.map((c) => name(c.name, c.name)),
  ];
  return <Text wrap="truncate-end">{`  ${tableRow(names, layout.widths)}`}</Text>;
}

export function MovieRow({ movie, layout, hasMpa, selected }: { movie: Movie; layout: TableLayout; hasMpa: boolean; selected: boolean }) {
  const values = [
    ...(layout.showId ? [String(movie.id)] : []),
    movie.title,
    String(movie.year),
    directorsText(movie.directors),
    theatreText(movie.theatre),
    ...(hasMpa ? [movie.mpa ?? ''] : []),
    ...layout.extras.map((c) => columnText(c, movie.extra?.[c.name])),
  ];
  const text = tableRow(values, layout.widths);
  return (
    <Text wrap="truncate-end">
      {selected ? '› ' : '  '}
      {selected ? <Text inverse>{text}</Text> : text}
    </Text>
  );
}
