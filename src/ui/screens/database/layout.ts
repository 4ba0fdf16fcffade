/**
 * How the Database screen's rows are shared on a short terminal: the columns first, then the
 * history table (its latest rows), then the indexes; a part that does not fit becomes one line.
 */
import type { DatabaseInfo } from '../../../db/types.js';
import type { Change } from './state.js';

export interface HistoryRoom {
  /** Screen lines it takes. */
  lines: number;
  /** Rows of the table drawn (the latest ones). */
  rows: number;
  /** Whether a "… n earlier rows" line is drawn above them. */
  earlier: boolean;
  /** One line counting the rows instead of the table. */
  summary: boolean;
}

/** The history's share of `room` lines: a title, a header, then as many of its latest rows as fit. */
export function historyRoom(info: DatabaseInfo, change: Change | undefined, room: number): HistoryRoom {
  if (!info.history) return { lines: room > 0 ? 1 : 0, rows: 0, earlier: false, summary: false };
  const total = info.history.length + (change?.historyDeleted.length ?? 0);
  if (room < 3 || (total > 0 && room < 4)) return { lines: room > 0 ? 1 : 0, rows: 0, earlier: false, summary: true };
  if (total <= room - 2) return { lines: 2 + total, rows: total, earlier: false, summary: false };
  return { lines: room, rows: room - 3, earlier: true, summary: false };
}

/** The indexes' share of what is left: all of them, or the first few and a count, or one line. */
export function indexRoom(count: number, room: number): { shown: number; more: number; summary: boolean } {
  if (count <= room - 1) return { shown: count, more: 0, summary: false };
  if (room < 3) return { shown: 0, more: 0, summary: true };
  return { shown: room - 2, more: count - (room - 2), summary: false };
}

const pad = (n: number) => String(n).padStart(2, '0');
/** executed_at in local time, to the second. */
export const timestamp = (d: Date | null) =>
  d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` : '';
