import { describe, expect, it } from 'vitest';
import type { Movie } from '../../../../src/db/types.js';
import { initialList, listReducer, modeReducer, newest, pageSize, selectedMovie, visibleRows, type ListState, type Mode } from '../../../../src/ui/screens/movies/state.js';

const movie = (id: number): Movie => ({ id, title: `M${String(id).padStart(4, '0')}`, year: 2000, directors: ['D'], theatre: true });
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => movie(from + i));

function loaded(rows: Movie[], atEnd: boolean, height = 5): ListState {
  return listReducer(listReducer(initialList(height), { type: 'resize', height }), { type: 'loaded', rows, atStart: true, atEnd, select: 0 });
}

describe('the movie list window', () => {
  it('starts by asking for the first page', () => {
    expect(initialList().want).toBe('reload');
  });

  it('moves the selection and scrolls only as far as needed to keep it visible', () => {
    let s = loaded(range(1, 21), true);
    s = listReducer(s, { type: 'move', delta: 6 });
    expect(selectedMovie(s)?.id).toBe(7);
    expect(visibleRows(s).map((m) => m.id)).toEqual([3, 4, 5, 6, 7]);
    s = listReducer(s, { type: 'move', delta: -1 });
    expect(visibleRows(s).map((m) => m.id)).toEqual([3, 4, 5, 6, 7]);
  });

  it('stops at the ends of a fully loaded list', () => {
    let s = loaded(range(1, 4), true);
    s = listReducer(s, { type: 'move', delta: -3 });
    expect(selectedMovie(s)?.id).toBe(1);
    s = listReducer(s, { type: 'move', delta: 10 });
    expect(selectedMovie(s)?.id).toBe(3);
    expect(s.want).toBeUndefined();
  });

  it('asks for the next page past the loaded rows, and finishes the move when it arrives', () => {
    let s = loaded(range(1, 11), false);
    s = listReducer(s, { type: 'move', delta: 12 });
    expect(s.want).toBe('after');
    s = listReducer(s, { type: 'move', delta: 1 }); // pressed again while the page loads
    s = listReducer(s, { type: 'appended', rows: range(11, 51), more: true });
    expect(s.want).toBeUndefined();
    expect(selectedMovie(s)?.id).toBe(14);
  });

  it('keeps only a few pages in memory, dropping rows far behind', () => {
    let s = loaded(range(1, pageSize(initialList(5)) + 1), false);
    for (let page = 1; page < 20; page++) {
      s = listReducer(s, { type: 'move', delta: 1000 });
      const last = s.rows.at(-1)!.id;
      s = listReducer(s, { type: 'appended', rows: range(last + 1, last + 1 + pageSize(s)), more: true });
    }
    expect(s.rows.length).toBeLessThanOrEqual(pageSize(s) * 6);
    expect(s.atStart).toBe(false);
    expect(visibleRows(s)).toContain(selectedMovie(s));
  });

  it('asks for the previous page above the window, keeping the selection on the right row', () => {
    let s: ListState = { ...loaded(range(100, 110), true), atStart: false };
    s = listReducer(s, { type: 'move', delta: -2 });
    expect(s.want).toBe('before');
    s = listReducer(s, { type: 'prepended', rows: range(90, 100), more: true });
    expect(selectedMovie(s)?.id).toBe(98);
  });

  it('End and Home load the far ends unless they are already loaded', () => {
    const partial = loaded(range(1, 11), false);
    expect(listReducer(partial, { type: 'end' }).want).toBe('end');
    expect(listReducer(partial, { type: 'home' }).want).toBeUndefined();
    const full = loaded(range(1, 11), true);
    expect(selectedMovie(listReducer(full, { type: 'end' }))?.id).toBe(10);
  });

  it('the last of Home and End wins, also while the page of the other is still loading', () => {
    // At the end of the list, Home asks for the first page; End pressed before it arrives asks for the end again.
    let s = listReducer(loaded(range(1, 21), true), { type: 'end' });
    s = listReducer({ ...s, atStart: false }, { type: 'home' });
    expect(s.want).toBe('reload');
    s = listReducer(s, { type: 'end' });
    expect(s.want).toBe('end');
    s = listReducer(s, { type: 'home' });
    expect(s.want).toBe('reload');
  });

  it('every new want is counted, so a page asked for again in the same render as the last one arrived is still fetched', () => {
    let s = loaded(range(1, 11), false);
    s = listReducer(s, { type: 'move', delta: 12 });
    expect(s.want).toBe('after');
    const first = s.asked;
    s = listReducer(s, { type: 'appended', rows: range(11, 51), more: true });
    expect(s.want).toBeUndefined();
    s = listReducer(s, { type: 'move', delta: 60 });
    expect(s.want).toBe('after');
    expect(s.asked).toBe(first + 1);
  });

  it('moves that go past the page that just arrived ask for the next one, as a new request', () => {
    let s = loaded(range(1, 11), false);
    s = listReducer(s, { type: 'move', delta: 12 }); // past the loaded rows: want the next page
    s = listReducer(s, { type: 'move', delta: 12 }); // pressed again while it loads
    const asked = s.asked;
    s = listReducer(s, { type: 'appended', rows: range(11, 21), more: true });
    expect(s.want).toBe('after'); // 24 rows down is still past the 20 loaded
    expect(s.asked).toBe(asked + 1);
  });

  it('reads the next page ahead within two screens of the loaded rows\' end, and keeps moving meanwhile', () => {
    let s = loaded(range(1, 41), false); // 40 rows, 5 high: two screens are 10 rows
    s = listReducer(s, { type: 'move', delta: 25 });
    expect(s.want).toBeUndefined();
    s = listReducer(s, { type: 'move', delta: 5 }); // row 31: 9 rows left below
    expect(s.want).toBe('after');
    const asked = s.asked;
    s = listReducer(s, { type: 'move', delta: 5 }); // within the loaded rows: moves at once, the same request
    expect(selectedMovie(s)?.id).toBe(36);
    expect(s.asked).toBe(asked);
    s = listReducer(s, { type: 'appended', rows: range(41, 81), more: true });
    expect(s).toMatchObject({ want: undefined, pending: 0 });
    expect(selectedMovie(s)?.id).toBe(36);
    // Past the loaded rows while it loads: the move waits for the page, as before.
    s = listReducer(loaded(range(1, 41), false), { type: 'move', delta: 31 });
    s = listReducer(s, { type: 'move', delta: 15 });
    expect(selectedMovie(s)?.id).toBe(32);
    s = listReducer(s, { type: 'appended', rows: range(41, 81), more: true });
    expect(selectedMovie(s)?.id).toBe(47);
  });

  it('reads the previous page ahead near the top of rows that do not start the list', () => {
    let s: ListState = { ...loaded(range(100, 140), true), atStart: false };
    s = listReducer(s, { type: 'move', delta: 12 });
    expect(s.want).toBeUndefined();
    s = listReducer(s, { type: 'move', delta: -3 });
    expect(s.want).toBe('before');
    s = listReducer(s, { type: 'prepended', rows: range(60, 100), more: true });
    expect(selectedMovie(s)?.id).toBe(109);
  });

  it('cycles the sort through title, year and id, each ascending then descending, keeping the selection', () => {
    let s = loaded(range(1, 5), true);
    s = listReducer(s, { type: 'move', delta: 2 });
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      s = listReducer(s, { type: 'sort' });
      seen.push(`${s.sort} ${s.direction}`);
    }
    expect(seen).toEqual(['title desc', 'year asc', 'year desc', 'id asc', 'id desc', 'title asc']);
    expect(s.want).toBe('reload');
    expect(s.focus?.id).toBe(3);
  });

  it('a new search reloads from the top', () => {
    const s = listReducer(loaded(range(1, 5), true), { type: 'search', text: 'nolan' });
    expect(s).toMatchObject({ search: 'nolan', want: 'reload', focus: undefined });
  });
});

describe('moves while a page loads', () => {
  it('a move made while a search reloads applies once the rows arrive', () => {
    let s = listReducer(loaded(range(1, 10), true), { type: 'search', text: 'x' });
    s = listReducer(s, { type: 'move', delta: 1 });
    s = listReducer(s, { type: 'loaded', rows: range(1, 5), atStart: true, atEnd: true, select: 0 });
    expect(selectedMovie(s)?.id).toBe(2);
  });

  it('a refresh (rows changed elsewhere) keeps the selected movie on the same screen row, and moves made meanwhile still count', () => {
    let s = loaded(range(1, 21), true);
    s = listReducer(s, { type: 'move', delta: 8 }); // id 9, on the last screen row
    const row = s.selected - s.top;
    s = listReducer(s, { type: 'refresh' });
    expect(s.want).toBe('reload');
    expect(s.focus?.id).toBe(9);
    s = listReducer(s, { type: 'move', delta: 1 });
    // Someone inserted two rows above it: it is now the 11th row of the page.
    const rows = [movie(100), movie(101), ...range(1, 21)];
    s = listReducer(s, { type: 'loaded', rows, atStart: true, atEnd: true, select: 10 });
    expect(selectedMovie(s)?.id).toBe(10);
    expect(s.selected - s.top).toBe(row);
  });
});

describe("the Movies screen's mode", () => {
  const list: Mode = { kind: 'list' };
  const heat = movie(7);

  it('details, edit and delete open on the selected movie; edit and delete hold it', () => {
    expect(modeReducer(list, { type: 'details', movie: heat })).toEqual({ kind: 'details' });
    expect(modeReducer(list, { type: 'edit', movie: heat })).toEqual({ kind: 'form', movie: heat });
    expect(modeReducer(list, { type: 'delete', movie: heat })).toEqual({ kind: 'delete', movie: heat });
  });

  it('with nothing selected (an empty list), details, edit and delete leave the mode as it is', () => {
    for (const type of ['details', 'edit', 'delete'] as const) {
      expect(modeReducer(list, { type })).toBe(list);
      const details: Mode = { kind: 'details' };
      expect(modeReducer(details, { type })).toBe(details);
    }
  });

  it('search and add need no selection; back returns to the list from anywhere', () => {
    expect(modeReducer(list, { type: 'search' })).toEqual({ kind: 'search' });
    expect(modeReducer(list, { type: 'add' })).toEqual({ kind: 'form' });
    for (const m of [{ kind: 'search' }, { kind: 'details' }, { kind: 'form', movie: heat }, { kind: 'delete', movie: heat }] as Mode[]) {
      expect(modeReducer(m, { type: 'back' })).toEqual(list);
    }
  });

  it('of two reads of the movie a form edits, the newer version wins, and a deletion is final', () => {
    const v1 = { ...heat, version: 1 };
    const v2 = { ...heat, version: 2 };
    expect(newest(v1, v2)).toBe(v2);
    expect(newest(v2, v1)).toBe(v2);
    expect(newest(v2, 'deleted')).toBe('deleted');
    expect(newest('deleted', v2)).toBe('deleted');
  });
});
