import { useEffect, useRef, useState } from 'react';
import { CancelledError } from '../../../db/errors.js';
import type { Count, Movie, MovieService, PageQuery } from '../../../db/types.js';
import { useLatest } from '../../useLatest.js';
import { useSyncReducer } from '../../useSyncReducer.js';
import { initialList, listReducer, pageSize, type ListAction, type ListState } from './state.js';

/**
 * A search's count waits for this pause in typing: it is the slow query of a search (it reads
 * up to 10,001 matches), and on the embedded database, which cannot cancel a running query,
 * the next keystroke's rows would wait for it.
 */
export const COUNT_PAUSE_MS = 150;

/**
 * Does what the list state asks for (`want`): one keyset query per page, never OFFSET,
 * never a count per key (the count is read once per reload or search, after its rows).
 * A newer want cancels the read in progress (its answer would be dropped anyway), so a
 * keystroke's query never queues behind the previous keystroke's.
 */
export function useMovieList(movies: MovieService | undefined, onError: (err: unknown) => void, enabled = true, onOk: () => void = () => {}) {
  const [state, dispatch, latestState] = useSyncReducer(listReducer, () => initialList());
  // The count of one search; shown only while the rows on screen are of that same search.
  const [count, setCount] = useState<(Count & { search: string }) | undefined>();
  const request = useRef(0);
  const countRequest = useRef(0);
  const reading = useRef<AbortController>(undefined);
  const counting = useRef<{ stop: AbortController; timer?: NodeJS.Timeout }>(undefined);
  // The effect runs when a fetch is asked for; the rows, focus and callbacks it reads are this render's.
  const latest = useLatest({ state, onOk, onError });

  useEffect(() => {
    const { state, onOk, onError } = latest.current;
    if (!movies || !state.want || !enabled) return;
    const id = ++request.current;
    reading.current?.abort();
    const read = (reading.current = new AbortController());
    const { asked, search: wanted, sort, direction } = state;
    // A page for what the list still asks for: keys can change the search (or ask for another
    // page) after this fetch began and before the next render's effect takes a new request id.
    // Applied then, a stale page would end the newer want, and its count would never come.
    const current = (action: ListAction) => {
      const now = latestState();
      if (id === request.current && now.asked === asked && now.search === wanted && now.sort === sort && now.direction === direction) dispatch(action);
    };
    // Its own request: a page asked for meanwhile (End, PgDn) must not drop it, only a newer count.
    const countId = state.want === 'reload' ? ++countRequest.current : undefined;
    if (countId !== undefined) stopCount(counting.current);
    const search = state.search;
    const readCount = () => {
      const stop = new AbortController();
      const timer = setTimeout(
        () =>
          movies.count(search || undefined, stop.signal).then(
            (c) => countId === countRequest.current && setCount({ ...c, search }),
            (err: unknown) => countId === countRequest.current && !(err instanceof CancelledError) && onError(new CountError(err)),
          ),
        search ? COUNT_PAUSE_MS : 0,
      );
      counting.current = { stop, timer };
    };
    fetchWanted(movies, state, read.signal)
      .then((action) => {
        onOk();
        current(action);
        if (countId === countRequest.current) readCount();
      })
      .catch((err: unknown) => {
        // Cancelled: a newer want took over; a page asked for during a search still gets its count.
        if (!(err instanceof CancelledError)) {
          current({ type: 'failed' });
          onError(err);
        }
        if (countId === countRequest.current) readCount();
      });
  }, [movies, enabled, state.want, state.asked, state.search, state.sort, state.direction, dispatch, latestState, latest]);

  // Leaving (or closing): nothing is read for a list no longer shown.
  useEffect(
    () => () => {
      reading.current?.abort();
      stopCount(counting.current);
    },
    [],
  );

  // While a refresh reads the new count, the old one stays: it is still the best we know.
  const shownCount = count && count.search === state.search && (state.want !== 'reload' || state.keepAt !== undefined) ? count : undefined;
  return { state, dispatch, current: latestState, count: shownCount };
}

function stopCount(counting: { stop: AbortController; timer?: NodeJS.Timeout } | undefined): void {
  clearTimeout(counting?.timer);
  counting?.stop.abort();
}

/** The count could not be read: said on the status line (the rows on screen are still right). */
export class CountError extends Error {
  constructor(readonly reason: unknown) {
    super(`the number of movies could not be read: ${reason instanceof Error ? reason.message : String(reason)}`, { cause: reason });
  }
}

async function fetchWanted(movies: MovieService, s: ListState, signal: AbortSignal): Promise<ListAction> {
  const q: PageQuery = { search: s.search || undefined, sort: s.sort, direction: s.direction, limit: pageSize(s), signal };
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
