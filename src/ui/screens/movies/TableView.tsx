import { Box, Text } from 'ink';
import React from 'react';
import type { Movie } from '../../db/types.js';
import { fitWidth, inert } from '../../text/inert.js';

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

/**
 * A cell as text: made inert (no escape sequences from the data reach the terminal), cut to
 * its width by display columns so wide characters line up, padded, and one column kept free
 * before the next cell. A row is then one Text, not a box per cell: a frame lays out a few
 * dozen nodes instead of hundreds, which keeps keys fast.
 */
export function fit(text: string, width: number): string {
  if (width <= 1) return ' '.repeat(Math.max(0, width));
  return `${fitWidth(text, width - 1)} `;
}

function cells(values: string[], widths: number[]): string {
  return values.map((v, i) => fit(v, widths[i]!)).join('').trimEnd();
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
  return <Text wrap="truncate-end">{`  ${cells(names, widths(width, hasMpa, showId))}`}</Text>;
}

export function MovieRow({ movie, width, hasMpa, selected, showId = false }: { movie: Movie; width: number; hasMpa: boolean; selected: boolean; showId?: boolean }) {
  const values = [...(showId ? [String(movie.id)] : []), movie.title, String(movie.year), movie.directors.join(', '), movie.theatre ? 'yes' : 'no', ...(hasMpa ? [movie.mpa ?? ''] : [])];
  const text = cells(values, widths(width, hasMpa, showId));
  return (
    <Text wrap="truncate-end">
      {selected ? '› ' : '  '}
      {selected ? <Text inverse>{text}</Text> : text}
    </Text>
  );
}

export function MovieDetails({ movie }: { movie: Movie }) {
  const rows: [string, string][] = [
    ['Title', movie.title],
    ['Year', String(movie.year)],
    ['Directors', movie.directors.join(', ')],
    ['Theatre', movie.theatre ? 'yes' : 'no'],
    ['Id', String(movie.id)],
  ];
  if (movie.mpa !== undefined) rows.splice(4, 0, ['MPA', movie.mpa ?? '(none)']);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      {rows.map(([k, v]) => (
        <Box key={k}>
          <Box width={11} flexShrink={0}>
            <Text bold>{k}</Text>
          </Box>
          <Text wrap="wrap">{inert(v)}</Text>
        </Box>
      ))}
    </Box>
  );
}
