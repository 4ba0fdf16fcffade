import { useCallback, useEffect, useReducer, useRef } from 'react';
import { useKeys } from '../../keyRouter.js';
import { useDb, useEmit, useEventCount, useEvents, useStatus } from '../../services.js';
import { DATABASE_KEYS } from './keys.js';
import { databaseScreenReducer, initialDatabaseScreen, type Migrated } from './state.js';

/**
 * The Database screen's keys and calls: read the catalog, and reset on a typed confirmation.
 * After a migration run elsewhere in the app, the next read is compared with the one before it
 * (the table before and after), shown until a key is pressed here or the screen is left.
 */
export function useDatabaseController(active: boolean) {
  const db = useDb();
  const status = useStatus();
  const emit = useEmit();
  const version = useEventCount(['databaseChanged', 'connectionBack']);
  const [state, dispatch] = useReducer(databaseScreenReducer, undefined, initialDatabaseScreen);
  /** The migration run the next read follows, if any. */
  const migrated = useRef<Migrated | undefined>(undefined);
  useEvents(['databaseChanged'], (event) => {
    if (event.type === 'databaseChanged' && event.migrated) migrated.current = event.migrated;
  });
  const load = useCallback(() => {
    const after = migrated.current;
    migrated.current = undefined;
    return db.info().then((info) => dispatch({ type: 'loaded', info, migrated: after }), status.error);
  }, [db, status]);
  useEffect(() => {
    void load();
  }, [load, version]);

  // Leaving the screen after seeing the change counts as the next key.
  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current && !active) dispatch({ type: 'seen' });
    wasActive.current = active;
  }, [active]);

  useKeys(
    DATABASE_KEYS,
    (action) => {
      dispatch({ type: 'seen' });
      if (action === 'reload') void load();
      if (action === 'reset') dispatch({ type: 'ask' });
    },
    active && !state.asking && !state.resetting,
  );

  const reset = () => {
    dispatch({ type: 'reset' });
    db.reset()
      .then((applied) => status.info(`reset: dropped the tables and applied ${applied.length} migrations`), status.error)
      .finally(() => {
        dispatch({ type: 'resetDone' });
        emit({ type: 'databaseChanged' });
      });
  };

  return { state, name: db.name, reset, cancel: () => dispatch({ type: 'cancel' }) };
}
