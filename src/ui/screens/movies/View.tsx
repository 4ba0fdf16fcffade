import { Box, Text } from 'ink';
import React, { useCallback, useEffect, useState } from 'react';
import { ConflictError, GoneError, NotFoundError } from '../../db/errors.js';
import type { DatabaseApi, Movie } from '../../db/types.js';
import { Confirm } from '../components/Dialogs.js';
import { Field } from '../components/Field.js';
import { MovieForm } from '../form/MovieForm.js';
import { useKeys } from '../keyRouter.js';
import { SEARCH_MAX, selectedMovie, visibleRows } from './listState.js';
import { MovieDetails, MovieHeader, MovieRow, showsId } from './MovieTable.js';
import { useMovieList } from './useMovieList.js';
import { fitWidth, inert } from '../../text/inert.js';
import { DETAILS_KEYS, MOVIES_KEYS, SEARCH_KEYS } from '../screens/movies/keys.js';

type Mode = { kind: 'list' } | { kind: 'search' } | { kind: 'details' } | { kind: 'form'; movie?: Movie } | { kind: 'delete'; movie: Movie };

export interface MoviesScreenProps {
  db: DatabaseApi;
  /** False while another screen is shown: the screen stays mounted (keeping its place) but takes no keys. */
  active: boolean;
  width: number;
  height: number;
  /** Changes whenever data or schema may have changed (a migration, a seed, a reset): re-read columns and rows. */
  version: number;
  /** Bumped whenever the database reports that rows changed (anyone's, on a server): the list refreshes in place and an open form re-reads its movie. */
  changes?: number;
  onStatus: (text: string) => void;
  onError: (err: unknown) => void;
  onDirtyChange: (dirty: boolean) => void;
  /** Told when reading from the database works again (clears a lost-connection banner). */
  onRecovered?: () => void;
}

/** Of two reads of one movie, which may finish out of order, the newer one (a deletion is final). */
function newest(a: Movie | 'deleted', b: Movie | 'deleted'): Movie | 'deleted' {
  if (a === 'deleted' || b === 'deleted') return 'deleted';
  return (a.version ?? 0) > (b.version ?? 0) ? a : b;
}

export function MoviesScreen({ db, active, width, height, version, changes = 0, onStatus, onError, onDirtyChange, onRecovered }: MoviesScreenProps) {
  // The shape of the live table: whether it exists yet, and whether it has the mpa column.
  const [table, setTable] = useState<{ exists: boolean; mpa: boolean }>();
  const { state, dispatch, current, count } = useMovieList(db.movies, onError, table?.exists === true, onRecovered);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const hasMpa = table?.mpa ?? false;
  const selected = selectedMovie(state);
  // Title line, search line, table header: the rest is rows.
  const listHeight = Math.max(1, height - 3);

  useEffect(() => dispatch({ type: 'resize', height: listHeight }), [listHeight, dispatch]);
  useEffect(() => {
    Promise.all([db.movies.tableExists(), db.movies.hasMpa()]).then(([exists, mpa]) => setTable({ exists, mpa }), onError);
    if (version > 0) dispatch({ type: 'reload' });
  }, [db, version]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (changes > 0) dispatch({ type: 'refresh' });
  }, [changes, dispatch]);
  // The latest known stored state of the movie the form edits, read again whenever rows change.
  const [stored, setStored] = useState<{ id: number; state: Movie | 'deleted' }>();
  useEffect(() => {
    const id = mode.kind === 'form' ? mode.movie?.id : undefined;
    if (changes === 0 || id === undefined) return;
    const learn = (state: Movie | 'deleted') => setStored((prev) => ({ id, state: prev?.id === id ? newest(prev.state, state) : state }));
    db.movies.get(id).then(learn, (err: unknown) => (err instanceof NotFoundError ? learn('deleted') : onError(err)));
  }, [changes]); // eslint-disable-line react-hooks/exhaustive-deps

  const toList = useCallback(() => {
    setMode({ kind: 'list' });
    onDirtyChange(false);
  }, [onDirtyChange]);

  useKeys(
    MOVIES_KEYS,
    (action) => {
      // The latest state, not this render's: keys may come faster than renders.
      const selected = selectedMovie(current());
      switch (action) {
        case 'up':
          return dispatch({ type: 'move', delta: -1 });
        case 'down':
          return dispatch({ type: 'move', delta: 1 });
        case 'pageUp':
          return dispatch({ type: 'move', delta: -listHeight });
        case 'pageDown':
          return dispatch({ type: 'move', delta: listHeight });
        case 'first':
          return dispatch({ type: 'home' });
        case 'last':
          return dispatch({ type: 'end' });
        case 'sort':
          return dispatch({ type: 'sort' });
        case 'search':
          return setMode({ kind: 'search' });
        case 'reload':
          return dispatch({ type: 'reload' });
        case 'add':
          return setMode({ kind: 'form' });
        case 'details':
          return selected && setMode({ kind: 'details' });
        case 'edit':
          return selected && setMode({ kind: 'form', movie: selected });
        case 'delete':
          return selected && setMode({ kind: 'delete', movie: selected });
      }
    },
    active && mode.kind === 'list' && table?.exists === true,
  );
  useKeys(
    SEARCH_KEYS,
    (action) => {
      if (action === 'clear') dispatch({ type: 'search', text: '' });
      if (action === 'clear' || action === 'done') setMode({ kind: 'list' });
    },
    active && mode.kind === 'search',
  );
  useKeys(
    DETAILS_KEYS,
    (action) => {
      const selected = selectedMovie(current());
      if (action === 'close') setMode({ kind: 'list' });
      if (action === 'edit' && selected) setMode({ kind: 'form', movie: selected });
      if (action === 'delete' && selected) setMode({ kind: 'delete', movie: selected });
    },
    active && mode.kind === 'details',
  );

  if (mode.kind === 'form') {
    const editing = mode.movie;
    return (
      <MovieForm
        movie={editing}
        stored={stored && stored.id === editing?.id ? stored.state : undefined}
        hasMpa={hasMpa}
        width={width}
        save={(input, target) => (target ? db.movies.update(target.id, input, target.version) : db.movies.create(input))}
        onSaved={(movie, created) => {
          onStatus(`${created ? 'added' : 'saved'} ${movie.title} (${movie.year})`);
          toList();
          // Show the saved movie selected, even if the search would have hidden it.
          dispatch({ type: 'search', text: '' });
          dispatch({ type: 'reload', focus: movie });
        }}
        onCancel={toList}
        onDirtyChange={onDirtyChange}
      />
    );
  }

  const rows = visibleRows(state);
  const n = count?.count.toLocaleString('en-US');
  const total = !count ? '' : count.atLeast ? `${n}+ movies` : `${count.exact ? '' : '~'}${n} ${count.count === 1 ? 'movie' : 'movies'}`;
  // A long search, shown in a line of text, is cut so the line never wraps over the list.
  const searchLabel = fitWidth(state.search, Math.max(10, Math.floor(width / 3))).trimEnd();
  const sortLabel = `${state.sort} ${state.direction === 'asc' ? '↑' : '↓'}`;
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
            <Field value={state.search} focus max={SEARCH_MAX} width={Math.max(10, width - 4)} onChange={(text) => dispatch({ type: 'search', text })} placeholder="title or director" />
          </>
        ) : state.search ? (
          <Text dimColor>/ {searchLabel} (press / to change, Esc in search to clear)</Text>
        ) : (
          <Text dimColor>/ to search</Text>
        )}
      </Box>
      {mode.kind === 'details' && selected ? (
        <MovieDetails movie={selected} />
      ) : mode.kind === 'delete' ? (
        <Confirm
          title={`Delete "${mode.movie.title}" (${mode.movie.year})?`}
          onNo={() => setMode({ kind: 'list' })}
          onYes={() => {
            const movie = mode.movie;
            setMode({ kind: 'list' });
            const neighbour = state.rows[state.selected + 1] ?? state.rows[state.selected - 1];
            // Only the version shown is deleted: a movie changed meanwhile is shown again instead.
            db.movies.delete(movie.id, movie.version).then(
              () => {
                onStatus(`deleted ${movie.title} (${movie.year})`);
                dispatch({ type: 'reload', focus: neighbour });
              },
              (err: unknown) => {
                const name = `${movie.title} (${movie.year})`;
                if (err instanceof GoneError) {
                  onError(new Error(`${name} was already deleted by someone else`));
                  dispatch({ type: 'reload', focus: neighbour });
                } else if (err instanceof ConflictError) {
                  onError(new Error(`${name} was changed by someone else meanwhile, so it was not deleted; the list shows it as stored now`));
                  dispatch({ type: 'reload', focus: err.theirs });
                } else onError(err);
              },
            );
          }}
        >
          <Text>This cannot be undone.</Text>
        </Confirm>
      ) : (
        <>
          <MovieHeader width={width} hasMpa={hasMpa} sortLabel={sortLabel} />
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
            rows.map((m, i) => <MovieRow key={m.id} movie={m} width={width} hasMpa={hasMpa} showId={showsId(sortLabel)} selected={state.top + i === state.selected} />)
          )}
        </>
      )}
    </Box>
  );
}
