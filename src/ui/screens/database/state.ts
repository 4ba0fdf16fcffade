/**
 * The Database screen's state: what the catalog said, the reset (asked, then running), and what
 * the last migration run changed (columns and history rows, before and after), shown until the
 * next key. Pure, so the flow is unit-tested without a terminal.
 */
import type { ColumnInfo, DatabaseInfo, HistoryRow } from '../../../db/types.js';

/** A migration run of this app, as the Migrations screen announces it. */
export interface Migrated {
  direction: 'up' | 'down';
  /** Short names (labels), in the order they ran. */
  labels: string[];
}

/** What the run changed: the table before and after, and the history rows it wrote or deleted. */
export interface Change extends Migrated {
  added: string[];
  /** Dropped columns as they were, still drawn (in red). */
  dropped: ColumnInfo[];
  /** Column name → its type before, for columns whose type changed. */
  retyped: Record<string, string>;
  /** History rows written (ids) and rows deleted (as they were). */
  historyAdded: number[];
  historyDeleted: HistoryRow[];
}

export interface DatabaseScreenState {
  info?: DatabaseInfo;
  change?: Change;
  asking: boolean;
  resetting: boolean;
}

export type DatabaseScreenAction =
  /** The catalog read; after a migration run, `migrated` says which (the change is measured against the last read). */
  | { type: 'loaded'; info: DatabaseInfo; migrated?: Migrated }
  /** A key on the screen, or leaving it: the change has been seen. */
  | { type: 'seen' }
  | { type: 'ask' }
  | { type: 'cancel' }
  | { type: 'reset' }
  | { type: 'resetDone' };

export const initialDatabaseScreen = (): DatabaseScreenState => ({ asking: false, resetting: false });

/** How the columns and the history rows changed between two reads of the catalog. */
export function changeOf(before: DatabaseInfo, after: DatabaseInfo, migrated: Migrated): Change {
  const old = new Map(before.columns.map((c) => [c.name, c]));
  const now = new Set(after.columns.map((c) => c.name));
  const retyped: Record<string, string> = {};
  for (const c of after.columns) {
    const was = old.get(c.name);
    if (was && was.type !== c.type) retyped[c.name] = was.type;
  }
  const oldIds = new Set((before.history ?? []).map((h) => h.id));
  const newIds = new Set((after.history ?? []).map((h) => h.id));
  return {
    ...migrated,
    added: after.columns.filter((c) => !old.has(c.name)).map((c) => c.name),
    dropped: before.columns.filter((c) => !now.has(c.name)),
    retyped,
    historyAdded: (after.history ?? []).filter((h) => !oldIds.has(h.id)).map((h) => h.id),
    historyDeleted: (before.history ?? []).filter((h) => !newIds.has(h.id)),
  };
}

export function databaseScreenReducer(state: DatabaseScreenState, action: DatabaseScreenAction): DatabaseScreenState {
  switch (action.type) {
    case 'loaded': {
      const change = action.migrated && state.info ? changeOf(state.info, action.info, action.migrated) : state.change;
      return { ...state, info: action.info, change };
    }
    case 'seen':
      return state.change ? { ...state, change: undefined } : state;
    case 'ask':
      return { ...state, asking: true };
    case 'cancel':
      return { ...state, asking: false };
    case 'reset':
      return { ...state, asking: false, resetting: true, change: undefined };
    case 'resetDone':
      return { ...state, resetting: false };
  }
}
