import { Box, Text } from 'ink';
import React from 'react';
import type { Count, ModelColumn, Movie } from '../../../db/types.js';
import { fitWidth } from '../../../text/inert.js';
import { moviesText } from '../../../text/movie.js';
import { Confirm } from '../../dialogs/Dialogs.js';
import { Field } from '../../components/Field.js';
import { MovieDetails } from './DetailsView.js';
import { SEARCH_MAX, selectedMovie, visibleRows, type ListState, type Mode } from './state.js';
import { MovieHeader, MovieRow, tableLayout } from './TableView.js';

export interface MoviesViewProps {
  width: number;
  height: number;
  list: ListState;
  /** The count of the rows of the search shown (absent while it is read). */
  count?: Count;
  mode: Mode;
  /** The shape of the live table, once read. */
  table?: { exists: boolean; mpa: boolean };
  /** The model's columns beyond the course's that the live table has (none until read). */
  columns?: readonly ModelColumn[];
  onSearch: (text: string) => void;
  onDelete: (movie: Movie) => void;
  onCancelDelete: () => void;
}

/** The list of movies with its title, search line and column header; details or a delete question in its place. */
export function MoviesView({ width, height, list: state, count, mode, table, columns = [], onSearch, onDelete, onCancelDelete }: MoviesViewProps) {
  const hasMpa = table?.mpa ?? false;
  const selected = selectedMovie(state);
  const rows = visibleRows(state);
  const total = count ? moviesText(count) : '';
  // A long search, shown in a line of text, is cut so the line never wraps over the list.
  const searchLabel = fitWidth(state.search, Math.max(10, Math.floor(width / 3))).trimEnd();
  const sortLabel = `${state.sort} ${state.direction === 'asc' ? '↑' : '↓'}`;
  const layout = tableLayout(width, hasMpa, state.sort, columns);
  return (
    <Box flexDirection="column" height={height}>
      <Box>
        <Text bold>Movies</Text>
        <Text dimColor>
          {' '}
          {total}
          {state.search ? ` matching "${searchLabel}"` : ''} · sorted by {sortLabel}
        </Text>
      </Box>
      <Box>
        {mode.kind === 'search' ? (
          <>
            <Text>/ </Text>
            <Field value={state.search} focus max={SEARCH_MAX} width={Math.max(10, width - 4)} onChange={onSearch} placeholder="title or director" />
          </>
        ) : state.search ? (
          <Text dimColor>/ {searchLabel} (press / to change, Esc in search to clear)</Text>
        ) : (
          <Text dimColor>/ to search</Text>
        )}
      </Box>
      {mode.kind === 'details' && selected ? (
        <MovieDetails movie={selected} columns={columns} width={width} />
      ) : mode.kind === 'delete' ? (
        <Confirm
          title={`Delete "${mode.movie.title}" (${mode.movie.year})?`}
          onNo={onCancelDelete}
          onYes={() => onDelete(mode.movie)}
        >
          <Text>This cannot be undone.</Text>
        </Confirm>
      ) : (
        <>
          <MovieHeader layout={layout} hasMpa={hasMpa} sortLabel={sortLabel} />
          {table && !table.exists ? (
            <Text>The movie table does not exist yet: apply the migrations on the Migrations screen (2).</Text>
          ) : state.loaded && state.rows.length === 0 ? (
            <Text>
              {state.search
                ? `No movies match "${searchLabel}". Press / then Esc to clear the search.`
                : 'No movies yet. Press a to add one, or seed or import on the Data screen (3).'}
            </Text>
          ) : !state.loaded ? (
            <Text dimColor>loading…</Text>
          ) : (
            rows.map((m, i) => <MovieRow key={m.id} movie={m} layout={layout} hasMpa={hasMpa} selected={state.top + i === state.selected} />)
          )}
        </>
      )}
    </Box>
  );
}
