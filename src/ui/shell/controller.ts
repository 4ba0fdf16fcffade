import { useApp } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { connectionProblem, OWNER_GONE } from '../../db/errors.js';
import type { DatabaseApi } from '../../db/types.js';
import { errorLine, onBackgroundError } from '../backgroundErrors.js';
import type { GlobalAction } from '../keys.js';
import { createEventBus, type AppServices } from '../services.js';
import { suspend } from '../terminal.js';
import { useSyncReducer } from '../useSyncReducer.js';
import { initialShell, shellReducer } from './state.js';

/** Changes from other sessions are applied at most this often. */
const REFRESH_EVERY_MS = 150;

export interface ShellOptions {
  /** Opens the database; called once, after the first frame is on screen. `onStep` hears what a slow open is doing. */
  open: (onStep?: (step: string) => void) => Promise<DatabaseApi>;
  onOpened?: (db: DatabaseApi) => void;
  /** Told when the database could not be opened (the app then exits with status 1). */
  onOpenFailed?: (message: string) => void;
  /** Whether the terminal is large enough to draw the app. */
  fits: boolean;
}

/**
 * The shell's keys and calls: opening the database, the global keys, the status line, the
 * banner, and the events every screen follows (the change feed, changes made by the app).
 */
export function useShellController({ open, onOpened, onOpenFailed, fits }: ShellOptions) {
  const { exit } = useApp();
  const [state, dispatch] = useSyncReducer(shellReducer, initialShell);
  const [db, setDb] = useState<DatabaseApi>();
  const dirty = useRef(false);
  const modelBroken = useRef(false);
  const [events] = useState(createEventBus);

  // A process sharing another's embedded database loses it only when that process quits.
  const shared = db?.sharedWith !== undefined;
  const onError = useCallback(
    (err: unknown) => {
      const problem = connectionProblem(err);
      dispatch({ type: 'error', text: errorLine(err), problem: problem && shared ? OWNER_GONE : problem });
    },
    [dispatch, shared],
  );
  useEffect(() => onBackgroundError(onError), [onError]);
  const status = useMemo(
    () => ({ info: (text: string) => dispatch({ type: 'info', text }), error: onError, recovered: () => dispatch({ type: 'recovered' }) }),
    [dispatch, onError],
  );

  /** Reads how many migrations are applied (for the header); returns how many are pending. */
  const readMigrations = useCallback(
    async (database: DatabaseApi) => {
      const states = await database.migrations.status();
      const applied = states.filter((m) => m.applied).length;
      dispatch({ type: 'migrations', applied, total: states.length });
      return states.length - applied;
    },
    [dispatch],
  );

  // Opened once, when the first frame is on screen; the callbacks are the caller's, fixed for the app's life.
  const opening = useRef({ open, onOpened, onOpenFailed });
  useEffect(() => {
    const { open, onOpened, onOpenFailed } = opening.current;
    open((step) => dispatch({ type: 'opening', step })).then(
      async (database) => {
        onOpened?.(database);
        setDb(database);
        const pending = await readMigrations(database).catch(() => 0);
        if (pending > 0) dispatch({ type: 'pending', count: pending });
      },
      (err: unknown) => {
        dispatch({ type: 'openFailed', text: errorLine(err) });
        onOpenFailed?.(errorLine(err));
      },
    );
  }, [readMigrations, dispatch]);

  // The shell follows the app's events too: the banner, the header's migration count.
  useEffect(
    () =>
      events.on((event) => {
        if (event.type === 'connectionLost') dispatch({ type: 'lost', lost: { message: event.message, retryInMs: event.retryInMs, attempt: event.attempt } });
        else if (event.type === 'databaseChanged') {
          dispatch({ type: 'clearNotice' });
          if (db) readMigrations(db).catch(onError);
        } else if (event.type === 'connectionBack') {
          dispatch({ type: 'back' });
          if (db) readMigrations(db).catch(() => {});
        }
      }),
    [events, db, readMigrations, onError, dispatch],
  );

  // The model file, edited here or in any editor, is read again when it changes; a model that
  // does not load is said in the status line (the Model screen shows it too).
  useEffect(
    () =>
      db?.model.onChange(({ error }) => {
        events.emit({ type: 'modelChanged', ...(error ? { error } : {}) });
        if (error) dispatch({ type: 'error', text: `${error} (the last good model stays in use; 5 shows the model)` });
        else if (modelBroken.current) dispatch({ type: 'info', text: 'the model file loads again: the app uses it now' });
        modelBroken.current = Boolean(error);
      }),
    [db, events, dispatch],
  );

  // The change feed (a server, or the embedded database this process opened) becomes the app's events.
  useEffect(() => {
    const feed = db?.changes;
    if (!feed) return;
    let pending: NodeJS.Timeout | undefined;
    const off = feed.subscribe((event) => {
      if (event.type === 'changed') {
        // A burst of changes (a script, an import) refreshes once per interval, not once per change.
        pending ??= setTimeout(() => {
          pending = undefined;
          events.emit({ type: 'rowsChanged' });
        }, REFRESH_EVERY_MS);
      } else if (event.type === 'schema') {
        // Migrated by another process: every screen reads the database (and the migrations) again.
        events.emit({ type: 'databaseChanged' });
      } else if (event.type === 'lost') {
        events.emit({ type: 'connectionLost', message: event.message, retryInMs: event.retryInMs, attempt: event.attempt });
      } else {
        events.emit({ type: 'connectionBack' });
      }
    });
    return () => {
      off();
      clearTimeout(pending);
    };
  }, [db, events]);

  const services = useMemo<AppServices | undefined>(
    () =>
      db && {
        db,
        status,
        events,
        setDirty: (d: boolean) => {
          dirty.current = d;
        },
      },
    [db, status, events],
  );

  const onGlobal = useCallback(
    (action: GlobalAction) => {
      if (action === 'quit') return dirty.current ? dispatch({ type: 'askQuit', open: true }) : exit();
      if (action === 'suspend') return suspend();
      // Too small to draw: nothing but quitting (and suspending) happens unseen.
      if (fits) dispatch({ type: 'key', action });
    },
    [exit, fits, dispatch],
  );

  return {
    state,
    /** The database once it is open, and the services screens get by context. */
    db,
    services,
    onGlobal,
    /** Input the key layer dropped (a paste nothing takes, an unknown key): said in the status line. */
    onKeyNotice: (text: string) => dispatch({ type: 'error', text }),
    quit: exit,
    cancelQuit: () => dispatch({ type: 'askQuit', open: false }),
    closeHelp: () => dispatch({ type: 'closeHelp' }),
  };
}
