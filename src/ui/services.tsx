import React, { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { DatabaseApi } from '../db/types.js';
import { useLatest } from './useLatest.js';

/**
 * What every screen may need from the app, by context instead of props: the open database,
 * the status line, and the app's events. Screens read them with useDb(), useStatus(),
 * useEvents() and useEventCount(); only the shell provides them.
 */

/** Things that happened which screens may want to show. */
export type AppEvent =
  /** The change feed says rows changed (anyone's, on a server; a burst arrives as one). Refresh in place. */
  | { type: 'rowsChanged' }
  /**
   * This app changed the database wholesale (a migration, a seed, an import, a reset): read shape
   * and rows again. After a migration run, `migrated` says which ran (the Database screen shows
   * the table before and after).
   */
  | { type: 'databaseChanged'; migrated?: { direction: 'up' | 'down'; labels: string[] } }
  /** The model file was read again (edited here or in an editor); `error` when it did not load and the last good model stays in use. */
  | { type: 'modelChanged'; error?: string }
  /** The server stopped answering; the feed retries by itself when retryInMs is set. */
  | { type: 'connectionLost'; message: string; retryInMs?: number; attempt?: number }
  /** The server answers again: whatever was missed meanwhile must be read again. */
  | { type: 'connectionBack' };

export type AppEventType = AppEvent['type'];

export interface StatusLine {
  /** Says what just happened (and clears a banner a failed query raised: the database answered). */
  info(text: string): void;
  /** Says what went wrong, in the user's terms (a lost connection raises the banner). */
  error(err: unknown): void;
  /** A read worked again: clears a banner a failed query raised. */
  recovered(): void;
}

export interface EventBus {
  emit(event: AppEvent): void;
  on(listener: (event: AppEvent) => void): () => void;
}

export interface AppServices {
  db: DatabaseApi;
  status: StatusLine;
  events: EventBus;
  /** Whether some screen holds unsaved edits (quitting then asks first). */
  setDirty(dirty: boolean): void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<(event: AppEvent) => void>();
  return {
    emit: (event) => {
      for (const l of [...listeners]) l(event);
    },
    on: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const Services = createContext<AppServices | undefined>(undefined);

/** Provides the services once the database is open (undefined before: nothing that needs them is drawn). */
export function ServicesProvider({ value, children }: { value: AppServices | undefined; children: ReactNode }) {
  return <Services.Provider value={value}>{children}</Services.Provider>;
}

function useServices(): AppServices {
  const services = useContext(Services);
  if (!services) throw new Error('useServices outside ServicesProvider: screens are drawn only once the database is open');
  return services;
}

export const useDb = (): DatabaseApi => useServices().db;
export const useStatus = (): StatusLine => useServices().status;
export const useSetDirty = (): ((dirty: boolean) => void) => useServices().setDirty;

/** Calls `listener` for every event of the given types, for as long as the component is mounted. */
export function useEvents(types: readonly AppEventType[], listener: (event: AppEvent) => void): void {
  const { events } = useServices();
  const ref = useLatest(listener);
  const key = types.join(',');
  useEffect(() => events.on((e) => key.split(',').includes(e.type) && ref.current(e)), [events, key, ref]);
}

/** How many events of the given types have happened since mounting: a dependency for effects that re-read. */
export function useEventCount(types: readonly AppEventType[]): number {
  const [count, setCount] = useState(0);
  useEvents(types, () => setCount((n) => n + 1));
  return count;
}

/** The emitter, for screens that change the database (a migration, a seed, an import). */
export function useEmit(): (event: AppEvent) => void {
  const { events } = useServices();
  return useMemo(() => events.emit, [events]);
}
