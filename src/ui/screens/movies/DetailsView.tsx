import { Box, Text } from 'ink';
import React from 'react';
import { columnText, type ModelColumn } from '../../../db/columns.js';
import type { Movie } from '../../../db/types.js';
import { fitWidth, inert } from '../../../text/inert.js';
import { directorsText, theatreText } from '../../../text/movie.js';

/** Lines a value of a model column may take here: a long text ends in "…" instead of pushing the rest off screen. */
const EXTRA_LINES = 3;

/** The selected movie in full (Enter), with its id, its rating when the table has it, and every column the model adds. */
export function MovieDetails({ movie, columns = [], width = 80 }: { movie: Movie; columns?: readonly ModelColumn[]; width?: number }) {
  const rows: [string, string][] = [
    ['Title', movie.title],
    ['Year', String(movie.year)],
    ['Directors', directorsText(movie.directors)],
    ['Theatre', theatreText(movie.theatre)],
    ['Id', String(movie.id)],
  ];
  if (movie.mpa !== undefined) rows.splice(4, 0, ['MPA', movie.mpa ?? '(none)']);
  // The label column fits the longest column name, within reason: the values need the room more.
  const label = Math.min(24, Math.max(11, ...columns.map((c) => [...c.name].length + 2)));
  // The box's border and padding take 4 columns.
  const room = Math.max(10, width - 4 - label) * EXTRA_LINES;
  for (const c of columns) {
    const text = columnText(c, movie.extra?.[c.name]) || '(none)';
    rows.splice(rows.length - 1, 0, [c.name, [...text].length > room ? fitWidth(text, room).trimEnd() : text]);
  }
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      {rows.map(([k, v], i) => (
        <Box key={i}>
          <Box width={label} flexShrink={0}>
            <Text bold>{fitWidth(k, label - 1)}</Text>
          </Box>
          <Text wrap="wrap">{inert(v)}</Text>
        </Box>
      ))}
    </Box>
  );
}
