// The movie list over a model's own columns: which fit at a width, and sorting by any of them.
import { describe, expect, it } from 'vitest';
import type { ModelColumn } from '../../../../src/db/columns.js';
import type { Movie } from '../../../../src/db/types.js';
import { initialList, listReducer, sortFields, type ListState } from '../../../../src/ui/screens/movies/state.js';
import { tableLayout } from '../../../../src/ui/screens/movies/TableView.js';

const runtime: ModelColumn = { name: 'runtime', kind: 'integer', nullable: true };
const budget: ModelColumn = { name: 'budget', kind: 'numeric', precision: 10, scale: 2, nullable: true };
const released: ModelColumn = { name: 'released', kind: 'date', nullable: true };
const tags: ModelColumn = { name: 'tags', kind: 'text[]', nullable: true };
const color: ModelColumn = { name: 'color', kind: 'boolean', nullable: false, default: 'false' };
const COLUMNS = [runtime, budget, released, tags, color];

const movie = (id: number): Movie => ({ id, title: `M${id}`, year: 2000, directors: ['D'], theatre: true });
const loaded = (): ListState => listReducer(initialList(5), { type: 'loaded', rows: [movie(1), movie(2), movie(3)], atStart: true, atEnd: true, select: 1 });

describe('the list’s columns', () => {
  it('adds the model’s columns after the course’s as long as title and directors keep their room, never wider than the terminal', () => {
    for (const width of [60, 80, 100, 120, 200]) {
      for (const hasMpa of [false, true]) {
        const layout = tableLayout(width, hasMpa, 'title', COLUMNS);
        const used = 2 + layout.widths.reduce((a, b) => a + b, 0);
        expect(used, `${width} ${hasMpa}`).toBeLessThanOrEqual(width);
        // Title and directors together keep at least 40 columns (45 % of a wide terminal) whenever any model column is shown.
        const [title, , directors] = layout.widths;
        if (layout.extras.length > 0) expect(title! + directors!).toBeGreaterThanOrEqual(Math.max(40, Math.floor(width * 0.45)));
      }
    }
    expect(tableLayout(60, true, 'title', COLUMNS).extras).toEqual([]);
    expect(tableLayout(80, true, 'title', COLUMNS).extras.map((c) => c.name)).toEqual(['runtime']);
    expect(tableLayout(100, true, 'title', COLUMNS).extras.map((c) => c.name)).toEqual(['runtime', 'budget']);
    expect(tableLayout(130, true, 'title', COLUMNS).extras.map((c) => c.name)).toEqual(['runtime', 'budget', 'released', 'color']);
    expect(tableLayout(200, true, 'title', COLUMNS).extras).toEqual(COLUMNS);
  });

  it('shows the sorted column whenever it fits at all, in model order', () => {
    // At 80 columns with MPA only one fits: the sorted one, not the first.
    expect(tableLayout(80, true, 'color', COLUMNS).extras.map((c) => c.name)).toEqual(['color']);
    expect(tableLayout(80, false, 'released', COLUMNS).extras.map((c) => c.name)).toEqual(['runtime', 'released']);
    // Sorted by id, the id column comes first and the model's columns make room for it.
    const byId = tableLayout(80, true, 'id', COLUMNS);
    expect(byId.showId).toBe(true);
    expect(byId.widths[0]).toBe(9);
  });
});

describe('sorting by any column', () => {
  it('cycles through title, year, id, then each model column, ascending then descending; S goes back', () => {
    const fields = sortFields([runtime, released]);
    expect(fields).toEqual(['title', 'year', 'id', 'runtime', 'released']);
    let s = loaded();
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      s = listReducer(s, { type: 'sort', fields });
      seen.push(`${s.sort} ${s.direction}`);
    }
    expect(seen).toEqual(['title desc', 'year asc', 'year desc', 'id asc', 'id desc', 'runtime asc', 'runtime desc', 'released asc', 'released desc', 'title asc']);
    s = listReducer(s, { type: 'sort', fields, back: true });
    expect(`${s.sort} ${s.direction}`).toBe('released desc');
    expect(s.want).toBe('reload');
    expect(s.focus?.id).toBe(2);
  });

  it('goes back to the title when the sorted column is dropped, and keeps any other sort', () => {
    let s = listReducer(loaded(), { type: 'sort', fields: sortFields([runtime]), back: true });
    expect(s.sort).toBe('runtime');
    const asked = s.asked;
    s = listReducer({ ...s, want: undefined }, { type: 'sortable', fields: sortFields([runtime, released]) });
    expect(s.sort).toBe('runtime');
    expect(s.want).toBeUndefined();
    s = listReducer(s, { type: 'sortable', fields: sortFields([released]) });
    expect(`${s.sort} ${s.direction}`).toBe('title asc');
    expect(s.want).toBe('reload');
    expect(s.asked).toBeGreaterThan(asked);
  });
});
