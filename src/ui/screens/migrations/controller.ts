import { useCallback, useEffect, useRef } from 'react';
import { labelOf } from '../../../db/migrationLabel.js';
import { slugOf } from '../../../db/migrationName.js';
import { emptyLines, riskLines } from '../../../db/risks.js';
import { openInEditor } from '../../editor.js';
import { useKeys } from '../../keyRouter.js';
import { useDb, useEmit, useEventCount, useStatus } from '../../services.js';
import { useSyncReducer } from '../../useSyncReducer.js';
import { MESSAGE_KEYS, MIGRATIONS_KEYS } from './keys.js';
import { initialMigrations, migrationsReducer, requestFor, verbOf } from './state.js';

/** The Migrations screen's keys and calls: status and drift, the selected plan, apply and roll back. */
export function useMigrationsController(active: boolean) {
  const db = useDb();
  const status = useStatus();
  const emit = useEmit();
  const version = useEventCount(['databaseChanged', 'connectionBack', 'modelChanged']);
  /** Rows changed anywhere: the preview's counts are read again. */
  const changes = useEventCount(['rowsChanged']);
  const [state, dispatch, current] = useSyncReducer(migrationsReducer, initialMigrations);

  const load = useCallback(async () => {
    const [list, drift] = await Promise.all([db.migrations.status(), db.migrations.check()]);
    dispatch({ type: 'loaded', list, drift });
  }, [db, dispatch]);

  // Also on coming back to this screen: a migration file written meanwhile (migrate create in
  // another terminal, a git pull) is listed pending, so g does not write a duplicate of it.
  useEffect(() => {
    load().catch(status.error);
  }, [load, version, status]);
  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) load().catch(status.error);
    wasActive.current = active;
  }, [active, load, status]);

  const selected = state.list[state.index];
  const selectedName = selected?.name;
  const selectedApplied = selected?.applied;
  // The preview's counts (rows a rollback drops, values it loses) are read on the live database
  // whenever the preview is shown: on selecting, on coming back to this screen, after any change
  // made here or elsewhere (an edit, an import, another session), after applying or rolling back
  // the selected one, and on r.
  useEffect(() => {
    if (selectedName === undefined) return dispatch({ type: 'planned', plan: undefined });
    if (!active) return;
    let live = true;
    db.migrations.plan(selectedName).then((plan) => live && dispatch({ type: 'planned', plan }), status.error);
    return () => {
      live = false;
    };
  }, [db, selectedName, selectedApplied, active, version, changes, state.reread, dispatch, status]);

  const ask = (kind: Parameters<typeof requestFor>[1]) => {
    const request = requestFor(current(), kind);
    if (!request) return;
    // What it would lose is counted now, on the live database.
    dispatch({ type: 'checking' });
    const plans = request.direction === 'up' ? db.migrations.planUp(request.to) : db.migrations.planDown(request.to);
    plans.then(
      (list) => dispatch({ type: 'checked', request, plans: list, losses: riskLines(list, true), notes: emptyLines(list) }),
      (err: unknown) => {
        status.error(err);
        dispatch({ type: 'checked' });
      },
    );
  };

  const execute = () => {
    const c = current().confirm;
    if (!c) return;
    dispatch({ type: 'run' });
    const verb = verbOf(c.direction);
    let migrated: { direction: 'up' | 'down'; labels: string[] } | undefined;
    (c.direction === 'up' ? db.migrations.up(c.to) : db.migrations.down(c.to))
      .then(
        (names) => {
          if (names.length) migrated = { direction: c.direction, labels: names.map(labelOf) };
          // The status line says it (once: the screen used to repeat it above).
          status.info(names.length ? `${verb} ${names.map(labelOf).join(', ')} · 4 shows the table before and after` : `nothing was ${verb}`);
        },
        (err: unknown) => dispatch({ type: 'failed', text: err instanceof Error ? err.message : String(err) }),
      )
      .finally(() => {
        dispatch({ type: 'ran' });
        emit({ type: 'databaseChanged', migrated });
        load().catch(status.error);
      });
  };

  /** Enter in the message field: writes the migration, then shows its SQL and selects it, pending. */
  const generate = () => {
    const message = current().message ?? '';
    if (!slugOf(message)) return dispatch({ type: 'badMessage', text: 'type what it changes, with letters or digits, e.g. Add runtime column' });
    dispatch({ type: 'generating' });
    db.migrations
      .create(message)
      .then(async (created) => {
        if (!created) {
          status.info('the database already matches the model: no migration created');
          return dispatch({ type: 'generated' });
        }
        const [list, drift] = await Promise.all([db.migrations.status(), db.migrations.check()]);
        dispatch({ type: 'generated', created, list, drift });
        status.info(`created ${created.file}: review its SQL, then u applies it (e edits it)`);
        // The header's migration count and the other screens read the new list.
        emit({ type: 'databaseChanged' });
      })
      .catch((err: unknown) => {
        status.error(err);
        dispatch({ type: 'generated' });
      });
  };

  /** e: the selected migration's file in the editor, the app suspended meanwhile; the list read again after. */
  const edit = async () => {
    const selected = current().list[current().index];
    if (!selected) return;
    const file = await db.migrations.fileOf(selected.name);
    if (!file) return status.info(`${selected.label} is built into the installed package: there is no file to edit here`);
    const result = openInEditor(file);
    if (!result.ok) status.error(result.text ?? 'the editor failed');
    // The running app keeps the migrations it loaded: a project's are read again on the next
    // start; a source checkout's once built (npm run build) and restarted.
    else status.info(`edited ${file}: ${db.project ? 'quit and start movies-tui again' : 'npm run build and restart'} to run it as edited`);
    await load();
    dispatch({ type: 'reread' });
  };

  useKeys(
    MESSAGE_KEYS,
    (action) => {
      if (action === 'submit') generate();
      else if (action === 'cancel') dispatch({ type: 'cancelMessage' });
    },
    active && state.message !== undefined,
  );

  useKeys(
    MIGRATIONS_KEYS,
    (action) => {
      if (action === 'up') dispatch({ type: 'move', by: -1 });
      else if (action === 'down') dispatch({ type: 'move', by: 1 });
      else if (action === 'reload') {
        load().catch(status.error);
        dispatch({ type: 'reread' });
      } else if (action === 'generate') dispatch({ type: 'ask' });
      else if (action === 'edit') edit().catch(status.error);
      else if (action) ask(action);
    },
    active && !state.confirm && !state.running && state.message === undefined,
  );

  return {
    state,
    name: db.name,
    execute,
    dismiss: () => dispatch({ type: 'dismiss' }),
    typeMessage: (message: string) => dispatch({ type: 'typeMessage', message }),
  };
}
