import { Box, Text } from 'ink';
import React from 'react';
import type { Movie } from '../../db/types.js';

/** Column widths for a terminal width: title and directors share what the fixed columns leave. */
export function columns(width: number, hasMpa: boolean) {
  const fixed = 2 + 6 + 9 + (hasMpa ? 7 : 0);
  const flexible = Math.max(20, width - fixed);
  const title = Math.ceil(flexible * 0.55);
  return { title, directors: flexible - title };
}

function Cell({ width, children, inverse }: { width: number; children: string; inverse?: boolean }) {
  return (
    <Box width={width} flexShrink={0} paddingRight={1}>
      <Text inverse={inverse} wrap="truncate-end">
        {children}
      </Text>
    </Box>
  );
}

export function MovieHeader({ width, hasMpa, sortLabel }: { width: number; hasMpa: boolean; sortLabel: string }) {
  const w = columns(width, hasMpa);
  return (
    <Box>
      <Cell width={2}>{' '}</Cell>
      <Cell width={w.title}>{`Title${sortLabel.startsWith('title') ? ` ${sortLabel.slice(6)}` : ''}`}</Cell>
      <Cell width={6}>{`Year${sortLabel.startsWith('year') ? sortLabel.slice(5) : ''}`}</Cell>
      <Cell width={w.directors}>Directors</Cell>
      <Cell width={9}>Theatre</Cell>
      {hasMpa ? <Cell width={7}>MPA</Cell> : null}
    </Box>
  );
}

export function MovieRow({ movie, width, hasMpa, selected }: { movie: Movie; width: number; hasMpa: boolean; selected: boolean }) {
  const w = columns(width, hasMpa);
  return (
    <Box>
      <Cell width={2}>{selected ? '›' : ' '}</Cell>
      <Cell width={w.title} inverse={selected}>
        {movie.title}
      </Cell>
      <Cell width={6} inverse={selected}>
        {String(movie.year)}
      </Cell>
      <Cell width={w.directors} inverse={selected}>
        {movie.directors.join(', ')}
      </Cell>
      <Cell width={9} inverse={selected}>
        {movie.theatre ? 'yes' : 'no'}
      </Cell>
      {hasMpa ? (
        <Cell width={7} inverse={selected}>
          {movie.mpa ?? ''}
        </Cell>
      ) : null}
    </Box>
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
          <Text wrap="wrap">{v}</Text>
        </Box>
      ))}
    </Box>
  );
}
