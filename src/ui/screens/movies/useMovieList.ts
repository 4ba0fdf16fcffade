import { useEffect, useRef, useState } from 'react';
import type { Count, Movie, MovieService, PageQuery } from '../../../db/types.js';
import { useLatest } from '../../useLatest.js';
import { useSyncReducer } from '../../useSyncReducer.js';
import { initialList, listReducer, pageSize, type ListAction, type ListState } from './state.js';

/**
 * Does what the list state asks for (`want`): one keyset query per page, never OFFSET,
 * never a count per key (the count is read once per reload or search).
 */
export function useMovieList(movies: MovieService | undefined, onError: (err: unknown) => void, enabled = true, onOk: () => void = () => {}) {
  const [state, dispatch, latestState] = useSyncReducer(listReducer, () => initialList());
  // The count of one search; shown only while the rows on screen are of that same search.
  const [count, setCount] = useState<(Count & { search: string }) | undefined>();
  const request = useRef(0);
  const countRequest = useRef(0);
  // The effect runs when a fetch is asked for; the rows, focus and callbacks it reads are this render's.
  const latest = useLatest({ state, onOk, onError });

  useEffect(() => {
    const { state, onOk, onError } = latest.current;
    if (!movies || !state.want || !enabled) return;
    const id = ++request.current;
    const { asked, search: wanted, sort, direction } = state;
    // A page for what the list still asks for: keys can change the search (or ask for another
    // page) after this fetch began and before the next render's effect takes a new request id.
    // Applied then, a stale page would end the newer want, and its count would never come.
    const current = (action: ListAction) => {
      const now = latestState();
      if (id === request.current && now.asked === asked && now.search === wanted && now.sort === sort && now.direction === direction) dispatch(action);
    };
    fetchWanted(movies, state)
      .then((action) => {
        onOk();
        current(action);
      })
      .catch((err: unknown) => {
        current({ type: 'failed' });
        onError(err);
      });
    if (state.want === 'reload') {
      const search = state.search;
      // Its own request: a page asked for meanwhile (End, PgDn) must not drop it, only a newer count.
      const countId = ++countRequest.current;
      movies.count(search || undefined).then(
        (c) => countId === countRequest.current && setCount({ ...c, search }),
        (err: unknown) => countId === countRequest.current && onError(new CountError(err)),
      );
    }
  }, [movies, enabled, state.want, state.asked, state.search, state.sort, state.direction, dispatch, latestState, latest]);

  // While a refresh reads the new count, the old one stays: it is still the best we know.
  const shownCount = count && count.search === state.search && (state.want !== 'reload' || state.keepAt !== undefined) ? count : undefined;
  return { state, dispatch, current: latestState, count: shownCount };
}

/** The count could not be read: said on the status line (the rows on screen are still right). */
export class CountError extends Error {
  constructor(readonly reason: unknown) {
    super(`the number of movies could not be read: ${reason instanceof Error ? reason.message : String(reason)}`, { cause: reason });
  }
}

async function fetchWanted(movies: MovieService, s: ListState): Promise<ListAction> {
  const q: PageQuery = { search: s.search || undefined, sort: s.sort, direction: s.direction, limit: pageSize(s) };
  const first = s.rows[0];
  const last = s.rows.at(-1);
  switch (s.want) {
    case 'after': {
      const page = await movies.list({ ...q, after: last && movies.cursorOf(last, s.sort) });
      return { type: 'appended', rows: page.movies, more: page.more };
    }
    case 'before': {
      const page = await movies.list({ ...q, before: first && movies.cursorOf(first, s.sort) });
      return { type: 'prepended', rows: page.movies, more: page.more };
    }
    case 'end': {
      const page = await movies.list({ ...q, fromEnd: true });
      return { type: 'loaded', rows: page.movies, atStart: !page.more, atEnd: true, select: page.movies.length - 1 };
    }
    default:
      return s.focus ? around(movies, q, s.focus, s) : start(movies, q);
  }
}

async function start(movies: MovieService, q: PageQuery): Promise<ListAction> {
  const page = await movies.list(q);
  return { type: 'loaded', rows: page.movies, atStart: true, atEnd: !page.more, select: 0 };
}

/** A page around a movie (the one just saved, or selected before a re-sort), with it selected if it is listed. */
async function around(movies: MovieService, q: PageQuery, focus: Movie, s: ListState): Promise<ListAction> {
  const cursor = movies.cursorOf(focus, s.sort);
  // Just before the focused row in list order, so that the "after" page starts with it.
  const justBefore = { key: cursor.key, id: s.direction === 'asc' ? cursor.id - 1 : cursor.id + 1 };
  const [before, after] = await Promise.all([
    movies.list({ ...q, before: cursor, limit: s.height }),
    movies.list({ ...q, after: justBefore }),
  ]);
  const rows = [...before.movies, ...after.movies];
  if (rows.length === 0) return start(movies, q);
  const found = rows.findIndex((m) => m.id === focus.id);
  return { type: 'loaded', rows, atStart: !before.more, atEnd: !after.more, select: found >= 0 ? found : before.movies.length };
}
