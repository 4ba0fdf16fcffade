import { Box, Text } from 'ink';
import React from 'react';
import type { Movie } from '../../db/types.js';
import { fitWidth, inert } from '../text.js';

/** Column widths for a terminal width: title and directors share what the fixed columns leave. */
export function columns(width: number, hasMpa: boolean) {
  const fixed = 2 + 6 + 9 + (hasMpa ? 7 : 0);
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

function widths(width: number, hasMpa: boolean): number[] {
  const w = columns(width, hasMpa);
  return [w.title, 6, w.directors, 9, ...(hasMpa ? [7] : [])];
}

export function MovieHeader({ width, hasMpa, sortLabel }: { width: number; hasMpa: boolean; sortLabel: string }) {
  const title = `Title${sortLabel.startsWith('title') ? ` ${sortLabel.slice(6)}` : ''}`;
  const year = `Year${sortLabel.startsWith('year') ? sortLabel.slice(5) : ''}`;
  return <Text wrap="truncate-end">{`  ${cells([title, year, 'Directors', 'Theatre', ...(hasMpa ? ['MPA'] : [])], widths(width, hasMpa))}`}</Text>;
}

export function MovieRow({ movie, width, hasMpa, selected }: { movie: Movie; width: number; hasMpa: boolean; selected: boolean }) {
  const values = [movie.title, String(movie.year), movie.directors.join(', '), movie.theatre ? 'yes' : 'no', ...(hasMpa ? [movie.mpa ?? ''] : [])];
  const text = cells(values, widths(width, hasMpa));
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
