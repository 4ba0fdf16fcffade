import { Box, Text } from 'ink';
import React from 'react';
import type { Movie } from '../../../db/types.js';
import { inert } from '../../../text/inert.js';
import { directorsText, theatreText } from '../../../text/movie.js';

/** The selected movie in full (Enter), with its id and, when the table has it, its rating. */
export function MovieDetails({ movie }: { movie: Movie }) {
  const rows: [string, string][] = [
    ['Title', movie.title],
    ['Year', String(movie.year)],
    ['Directors', directorsText(movie.directors)],
    ['Theatre', theatreText(movie.theatre)],
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
