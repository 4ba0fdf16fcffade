import { useCallback, useEffect, useReducer } from 'react';
import { useKeys } from '../../keyRouter.js';
import { useDb, useEmit, useEventCount, useStatus } from '../../services.js';
import { DATABASE_KEYS } from './keys.js';
import { databaseScreenReducer, initialDatabaseScreen } from './state.js';

/** The Database screen's keys and calls: read the catalog, and reset on a typed confirmation. */
export function useDatabaseController(active: boolean) {
  const db = useDb();
  const status = useStatus();
  const emit = useEmit();
  const version = useEventCount(['databaseChanged', 'connectionBack']);
  const [state, dispatch] = useReducer(databaseScreenReducer, undefined, initialDatabaseScreen);
  const load = useCallback(() => db.info().then((info) => dispatch({ type: 'loaded', info }), status.error), [db, status]);
  useEffect(() => {
    void load();
  }, [load, version]);

  useKeys(
    DATABASE_KEYS,
    (action) => {
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
