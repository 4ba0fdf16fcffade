import { useCallback, useEffect, useReducer, useState } from 'react';
import { ConflictError, GoneError, NotFoundError } from '../../../db/errors.js';
import type { ModelColumn, Movie } from '../../../db/types.js';
import { useKeys } from '../../keyRouter.js';
import { useDb, useEventCount, useEvents, useSetDirty, useStatus } from '../../services.js';
import { DETAILS_KEYS, MOVIES_KEYS, SEARCH_KEYS } from './keys.js';
import { modeReducer, newest, selectedMovie, sortFields } from './state.js';
import { useMovieList } from './useMovieList.js';

/**
 * The Movies screen's keys and its calls to the database: the list's pages (useMovieList), the
 * table's shape, re-reading the movie an open form edits, and deleting.
 */
export function useMoviesController({ active, height }: { active: boolean; height: number }) {
  const db = useDb();
  const status = useStatus();
  const setDirty = useSetDirty();
  // Data, schema or model may have changed (a migration, a seed, a reset, a connection back, a model file saved): re-read columns and rows.
  const version = useEventCount(['databaseChanged', 'connectionBack', 'modelChanged']);
  // Rows changed (anyone's, on a server): the list refreshes in place and an open form re-reads its movie.
  const changes = useEventCount(['rowsChanged']);
  // The shape of the live table: whether it exists yet, and whether it has the mpa column.
  const [table, setTable] = useState<{ exists: boolean; mpa: boolean }>();
  // The model's other columns the live table has: the list, details and form follow them.
  const [columns, setColumns] = useState<ModelColumn[]>([]);
  const { state, dispatch, current, count } = useMovieList(db.movies, status.error, table?.exists === true, status.recovered);
  const [mode, setMode] = useReducer(modeReducer, { kind: 'list' });
  // Title line, search line, table header: the rest is rows.
  const listHeight = Math.max(1, height - 3);

  useEffect(() => dispatch({ type: 'resize', height: listHeight }), [listHeight, dispatch]);
  useEffect(() => {
    Promise.all([db.movies.tableExists(), db.movies.hasMpa()]).then(([exists, mpa]) => setTable({ exists, mpa }), status.error);
    // Read apart: the model waits for the full database, which loads after the first page is drawn.
    let current = true;
    db.movies.modelColumns().then((read) => {
      if (!current) return;
      setColumns((known) => (sameColumns(known, read) ? known : read));
      dispatch({ type: 'sortable', fields: sortFields(read) });
    }, status.error);
    if (version > 0) dispatch({ type: 'reload' });
    return () => {
      current = false;
    };
  }, [db, version, status, dispatch]);

  useEffect(() => {
    if (changes > 0) dispatch({ type: 'refresh' });
  }, [changes, dispatch]);
  // The latest known stored state of the movie the form edits, read again whenever rows change.
  const [stored, setStored] = useState<{ id: number; state: Movie | 'deleted' }>();
  useEvents(['rowsChanged'], () => {
    const id = mode.kind === 'form' ? mode.movie?.id : undefined;
    if (id === undefined) return;
    const learn = (state: Movie | 'deleted') => setStored((prev) => ({ id, state: prev?.id === id ? newest(prev.state, state) : state }));
    db.movies.get(id).then(learn, (err: unknown) => (err instanceof NotFoundError ? learn('deleted') : status.error(err)));
  });

  const toList = useCallback(() => {
    setMode({ type: 'back' });
    setDirty(false);
  }, [setDirty]);

  useKeys(
    MOVIES_KEYS,
    (action) => {
      // The latest state, not this render's: keys may come faster than renders.
      const movie = selectedMovie(current());
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
        case 'sortBack':
          return dispatch({ type: 'sort', fields: sortFields(columns), back: action === 'sortBack' });
        case 'reload':
          return dispatch({ type: 'reload' });
        case 'search':
        case 'add':
          return setMode({ type: action });
        case 'details':
        case 'edit':
        case 'delete':
          return setMode({ type: action, movie });
      }
    },
    active && mode.kind === 'list' && table?.exists === true,
  );
  useKeys(
    SEARCH_KEYS,
    (action) => {
      if (action === 'clear') dispatch({ type: 'search', text: '' });
      if (action === 'clear' || action === 'done') setMode({ type: 'back' });
    },
    active && mode.kind === 'search',
  );
  useKeys(
    DETAILS_KEYS,
    (action) => {
      const movie = selectedMovie(current());
      if (action === 'close') setMode({ type: 'back' });
      if (action === 'edit' || action === 'delete') setMode({ type: action, movie });
    },
    active && mode.kind === 'details',
  );

  /** Deletes only the version shown: a movie changed meanwhile is shown again instead. */
  const deleteMovie = (movie: Movie) => {
    setMode({ type: 'back' });
    const neighbour = state.rows[state.selected + 1] ?? state.rows[state.selected - 1];
    const name = `${movie.title} (${movie.year})`;
    db.movies.delete(movie.id, movie.version).then(
      () => {
        status.info(`deleted ${name}`);
        dispatch({ type: 'reload', focus: neighbour });
      },
      (err: unknown) => {
        if (err instanceof GoneError) {
          status.error(new Error(`${name} was already deleted by someone else`));
          dispatch({ type: 'reload', focus: neighbour });
        } else if (err instanceof ConflictError) {
          status.error(new Error(`${name} was changed by someone else meanwhile, so it was not deleted; the list shows it as stored now`));
          dispatch({ type: 'reload', focus: err.theirs });
        } else status.error(err);
      },
    );
  };

  const saved = (movie: Movie, created: boolean) => {
    status.info(`${created ? 'added' : 'saved'} ${movie.title} (${movie.year})`);
    toList();
    // Show the saved movie selected, even if the search would have hidden it.
    dispatch({ type: 'search', text: '' });
    dispatch({ type: 'reload', focus: movie });
  };

  const editing = mode.kind === 'form' ? mode.movie : undefined;
  return {
    list: state,
    count,
    mode,
    table,
    columns,
    search: (text: string) => dispatch({ type: 'search', text }),
    deleteMovie,
    cancelDelete: () => setMode({ type: 'back' }),
    form: { stored: stored && stored.id === editing?.id ? stored.state : undefined, columns, onSaved: saved, onCancel: toList },
  };
}

/** Whether two reads of the model's columns say the same (a new array each time must not redraw everything). */
const sameColumns = (a: readonly ModelColumn[], b: readonly ModelColumn[]) => JSON.stringify(a) === JSON.stringify(b);
