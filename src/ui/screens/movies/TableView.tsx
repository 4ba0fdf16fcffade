import { Text } from 'ink';
import React from 'react';
import type { Movie } from '../../../db/types.js';
import { directorsText, theatreText } from '../../../text/movie.js';
import { tableRow } from '../../tableCell.js';

/** The id column, shown while the list is sorted by id: room for "Id ↓" and ids of up to 8 digits. */
const ID_WIDTH = 9;
/** Year holds "Year ↑" when sorted by it. */
const YEAR_WIDTH = 7;

/** Column widths for a terminal width: title and directors share what the fixed columns leave. */
export function columns(width: number, hasMpa: boolean, showId = false) {
  const fixed = 2 + YEAR_WIDTH + 9 + (hasMpa ? 7 : 0) + (showId ? ID_WIDTH : 0);
  const flexible = Math.max(20, width - fixed);
  const title = Math.ceil(flexible * 0.55);
  return { title, directors: flexible - title };
}

function widths(width: number, hasMpa: boolean, showId: boolean): number[] {
  const w = columns(width, hasMpa, showId);
  return [...(showId ? [ID_WIDTH] : []), w.title, YEAR_WIDTH, w.directors, 9, ...(hasMpa ? [7] : [])];
}

/** The sort, as "title ↑": its field and arrow. */
const sortOf = (sortLabel: string) => {
  const [field, arrow] = sortLabel.split(' ');
  return { field, arrow };
};

/** Whether the list shows the id column: while sorted by id (otherwise the id is in the details, Enter). */
export const showsId = (sortLabel: string) => sortOf(sortLabel).field === 'id';

export function MovieHeader({ width, hasMpa, sortLabel }: { width: number; hasMpa: boolean; sortLabel: string }) {
  const sort = sortOf(sortLabel);
  // The sorted column's name, then a space and its arrow, alike for every column.
  const name = (field: string, title: string) => (sort.field === field ? `${title} ${sort.arrow}` : title);
  const showId = showsId(sortLabel);
  const names = [...(showId ? [name('id', 'Id')] : []), name('title', 'Title'), name('year', 'Year'), 'Directors', 'Theatre', ...(hasMpa ? ['MPA'] : [])];
  return <Text wrap="truncate-end">{`  ${tableRow(names, widths(width, hasMpa, showId))}`}</Text>;
}

export function MovieRow({ movie, width, hasMpa, selected, showId = false }: { movie: Movie; width: number; hasMpa: boolean; selected: boolean; showId?: boolean }) {
  const values = [...(showId ? [String(movie.id)] : []), movie.title, String(movie.year), directorsText(movie.directors), theatreText(movie.theatre), ...(hasMpa ? [movie.mpa ?? ''] : [])];
  const text = tableRow(values, widths(width, hasMpa, showId));
  return (
    <Text wrap="truncate-end">
      {selected ? '› ' : '  '}
      {selected ? <Text inverse>{text}</Text> : text}
    </Text>
  );
}
