import type { ModelColumn, Movie, SortDirection, SortField } from '../../../db/types.js';

/**
 * The movie list as a window of loaded rows over a keyset-paged table: only a few pages
 * are ever in memory, and moving past either end of the window asks for the next page.
 * Pure: the hook in useMovieList does the fetching the state asks for (`want`). The screen's
 * mode (list, search, details, form, delete) is the second reducer, at the end.
 */
export interface ListState {
  rows: Movie[];
  /** The window starts at the first row of the list / ends at its last row. */
  atStart: boolean;
  atEnd: boolean;
  selected: number;
  top: number;
  height: number;
  sort: SortField;
  direction: SortDirection;
  search: string;
  /** Rows still to move once the page being fetched arrives (+ down, − up). */
  pending: number;
  /** What to fetch next; the hook clears it by dispatching the result. */
  want?: 'reload' | 'after' | 'before' | 'end';
  /**
   * Counts the wants. The same want can follow itself: a page arrives while PgDn was pressed
   * twice, and the moves still go past it; or React batches a page's arrival with the key that
   * asks for the next one. The hook's effect watches this number, so it fetches again.
   */
  asked: number;
  /** After a reload, select this movie (a saved one) if it is in the list. */
  focus?: Movie;
  /**
   * A refresh (rows changed elsewhere): the selected row stays where it is on screen, and the
   * count stays shown until the new one arrives, so nothing jumps or blinks.
   */
  keepAt?: number;
  loaded: boolean;
}

export type ListAction =
  | { type: 'resize'; height: number }
  | { type: 'move'; delta: number }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'reload'; focus?: Movie }
  | { type: 'refresh' }
  /** The next sort (`back`: the previous one) among `fields`, each ascending then descending. */
  | { type: 'sort'; fields?: readonly SortField[]; back?: boolean }
  /** The columns changed (a migration): a sort by a column that is gone goes back to the title. */
  | { type: 'sortable'; fields: readonly SortField[] }
  | { type: 'search'; text: string }
  | { type: 'loaded'; rows: Movie[]; atStart: boolean; atEnd: boolean; select: number }
  | { type: 'appended'; rows: Movie[]; more: boolean }
  | { type: 'prepended'; rows: Movie[]; more: boolean }
  | { type: 'failed' };

/** At most this many pages of rows are kept; the far side of the window is dropped. */
const WINDOW_PAGES = 6;
/** Most characters a search takes (longer is refused, named in the message, like a title's limit). */
export const SEARCH_MAX = 200;
/** The course's sort fields, in the order `s` cycles through them. */
const COURSE_SORTS: readonly SortField[] = ['title', 'year', 'id'];

/** What `s` cycles through: the course's fields, then every column the model adds, in model order. */
export function sortFields(columns: readonly ModelColumn[] = []): SortField[] {
  return [...COURSE_SORTS, ...columns.map((c) => c.name)];
}

export function initialList(height = 10): ListState {
  return { rows: [], atStart: true, atEnd: true, selected: 0, top: 0, height, sort: 'title', direction: 'asc', search: '', pending: 0, want: 'reload', asked: 1, loaded: false };
}

/** How many rows to ask for at a time. */
export const pageSize = (s: ListState) => Math.max(s.height * 2, 40);

export function selectedMovie(s: ListState): Movie | undefined {
  return s.rows[s.selected];
}

export function visibleRows(s: ListState): Movie[] {
  return s.rows.slice(s.top, s.top + s.height);
}

// Actions that deliver (or give up on) the page that was asked for.
const RESULTS = new Set<ListAction['type']>(['loaded', 'appended', 'prepended', 'failed']);

export function listReducer(s: ListState, a: ListAction): ListState {
  const next = reduce(s, a);
  // A new want, or the same want again after a page arrived (moves made meanwhile went past it).
  const fresh = next.want !== undefined && (next.want !== s.want || RESULTS.has(a.type));
  return fresh ? { ...next, asked: s.asked + 1 } : next;
}

function reduce(s: ListState, a: ListAction): ListState {
  switch (a.type) {
    case 'resize':
      return scrollTo({ ...s, height: Math.max(1, a.height) });
    case 'move':
      return step(s, a.delta);
    // While a page is on its way, the rows on screen may not be where the list is going:
    // Home and End then ask for their own page, which replaces the one in flight.
    case 'home':
      return s.atStart && !s.want ? scrollTo({ ...s, selected: 0, pending: 0 }) : { ...s, want: 'reload', pending: 0, focus: undefined, keepAt: undefined };
    case 'end':
      return s.atEnd && !s.want ? scrollTo({ ...s, selected: Math.max(0, s.rows.length - 1), pending: 0 }) : { ...s, want: 'end', pending: 0 };
    case 'reload':
      return { ...s, want: 'reload', pending: 0, focus: a.focus ?? selectedMovie(s), keepAt: undefined };
    case 'refresh':
      // Moves made meanwhile (pending) still count once the page is back.
      return { ...s, want: 'reload', focus: selectedMovie(s), keepAt: s.rows.length > 0 ? s.selected - s.top : undefined };
    case 'sort': {
      const sorts = (a.fields ?? COURSE_SORTS).flatMap((f) => [`${f} asc`, `${f} desc`]);
      const i = sorts.indexOf(`${s.sort} ${s.direction}`);
      // A sort no longer offered (its column was dropped) steps from the start of the cycle.
      const next = sorts[i < 0 ? (a.back ? sorts.length - 1 : 0) : (i + (a.back ? -1 : 1) + sorts.length) % sorts.length]!;
      const [sort, direction] = next.split(' ') as [SortField, SortDirection];
      return { ...s, sort, direction, want: 'reload', pending: 0, focus: selectedMovie(s), keepAt: undefined };
    }
    case 'sortable':
      return a.fields.includes(s.sort) ? s : { ...s, sort: 'title', direction: 'asc', want: 'reload', pending: 0, focus: selectedMovie(s), keepAt: undefined };
    case 'search':
      return a.text === s.search ? s : { ...s, search: a.text, want: 'reload', pending: 0, focus: undefined, keepAt: undefined };
    case 'loaded': {
      // Moves made while the page was loading (j right after a search) still count.
      const selected = clamp(a.select, a.rows.length);
      const loaded = { ...s, rows: a.rows, atStart: a.atStart, atEnd: a.atEnd, selected, want: undefined, focus: undefined, keepAt: undefined, loaded: true };
      return applyPending(s.keepAt === undefined ? scrollTo({ ...loaded, top: 0 }, true) : scrollTo({ ...loaded, top: selected - s.keepAt }));
    }
    case 'appended':
      return applyPending(trimFront({ ...s, rows: [...s.rows, ...a.rows], atEnd: !a.more, want: undefined }));
    case 'prepended':
      return applyPending(
        trimBack({ ...s, rows: [...a.rows, ...s.rows], atStart: !a.more, selected: s.selected + a.rows.length, top: s.top + a.rows.length, want: undefined }),
      );
    case 'failed':
      return { ...s, want: undefined, pending: 0, loaded: true };
  }
}

function clamp(i: number, length: number): number {
  return Math.max(0, Math.min(i, length - 1));
}

function step(s: ListState, delta: number): ListState {
  const target = s.selected + delta;
  if (s.want) {
    // The next page read ahead (prefetch below) does not hold up moves within the loaded rows.
    const ahead = (s.want === 'after' || s.want === 'before') && s.pending === 0;
    if (ahead && target >= 0 && target < s.rows.length) return scrollTo({ ...s, selected: target });
    return { ...s, pending: s.pending + delta }; // a page is on its way: remember the move
  }
  if (target < 0 && !s.atStart) return { ...scrollTo({ ...s, selected: 0 }), pending: target, want: 'before' };
  if (target > s.rows.length - 1 && !s.atEnd) return { ...scrollTo({ ...s, selected: Math.max(0, s.rows.length - 1) }), pending: target - (s.rows.length - 1), want: 'after' };
  return prefetch(scrollTo({ ...s, selected: clamp(target, s.rows.length), pending: 0 }));
}

/**
 * Within two screens of either end of the loaded rows, the next page is asked for ahead of
 * time, so ↓ and PgDn find it there instead of waiting for a query (bench: PgDn at 1M).
 */
function prefetch(s: ListState): ListState {
  if (!s.atEnd && s.rows.length - 1 - s.selected < s.height * 2) return { ...s, want: 'after' };
  if (!s.atStart && s.selected < s.height * 2) return { ...s, want: 'before' };
  return s;
}

function applyPending(s: ListState): ListState {
  const pending = s.pending;
  return pending === 0 ? scrollTo(s) : step({ ...s, pending: 0 }, pending);
}

/** Keeps the selection visible, moving the window as little as possible (or centring it after a load). */
function scrollTo(s: ListState, centre = false): ListState {
  let top = s.top;
  if (centre) top = s.selected - Math.floor(s.height / 2);
  if (s.selected < top) top = s.selected;
  if (s.selected >= top + s.height) top = s.selected - s.height + 1;
  top = Math.max(0, Math.min(top, s.rows.length - s.height));
  return { ...s, top: Math.max(0, top) };
}

function trimFront(s: ListState): ListState {
  const max = pageSize(s) * WINDOW_PAGES;
  const drop = Math.min(s.rows.length - max, s.top);
  if (drop <= 0) return s;
  return { ...s, rows: s.rows.slice(drop), selected: s.selected - drop, top: s.top - drop, atStart: false };
}

function trimBack(s: ListState): ListState {
  const max = pageSize(s) * WINDOW_PAGES;
  const keep = Math.max(max, s.top + s.height);
  if (s.rows.length <= keep) return s;
  return { ...s, rows: s.rows.slice(0, keep), atEnd: false };
}

/** What the Movies screen shows over its list: the search field, a movie's details, the form, or a delete question. */
export type Mode = { kind: 'list' } | { kind: 'search' } | { kind: 'details' } | { kind: 'form'; movie?: Movie } | { kind: 'delete'; movie: Movie };

/** `movie`: the selected one, which details, edit and delete act on (none in an empty list). */
export type ModeAction =
  | { type: 'back' }
  | { type: 'search' }
  | { type: 'add' }
  | { type: 'details'; movie?: Movie }
  | { type: 'edit'; movie?: Movie }
  | { type: 'delete'; movie?: Movie };

export function modeReducer(m: Mode, a: ModeAction): Mode {
  switch (a.type) {
    case 'back':
      return { kind: 'list' };
    case 'search':
      return { kind: 'search' };
    case 'add':
      return { kind: 'form' };
    // Nothing selected (an empty list), nothing to show, edit or delete: the mode stays.
    case 'details':
      return a.movie ? { kind: 'details' } : m;
    case 'edit':
      return a.movie ? { kind: 'form', movie: a.movie } : m;
    case 'delete':
      return a.movie ? { kind: 'delete', movie: a.movie } : m;
  }
}

/** Of two reads of one movie, which may finish out of order, the newer one (a deletion is final). */
export function newest(a: Movie | 'deleted', b: Movie | 'deleted'): Movie | 'deleted' {
  if (a === 'deleted' || b === 'deleted') return 'deleted';
  return (a.version ?? 0) > (b.version ?? 0) ? a : b;
}
