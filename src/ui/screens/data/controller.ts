import { useEffect, useRef } from 'react';
import type { DatabaseApi, SeedResult } from '../../../db/types.js';
import { formatOfPath } from '../../../transfer/records.js';
import { errorLine } from '../../backgroundErrors.js';
import { openInEditor } from '../../editor.js';
import { useKeys } from '../../keyRouter.js';
import { useDb, useEmit, useStatus } from '../../services.js';
import { useLatest } from '../../useLatest.js';
import { useSyncReducer } from '../../useSyncReducer.js';
import { errorsFileFor, expandPath, fileExists, workingDirectory } from './files.js';
import { DATA_KEYS, PATH_KEYS, REPORT_KEYS } from './keys.js';
import { dataReducer, initialData, isRunning, type DataAction, type DataState } from './state.js';

/**
 * The Data screen's keys and work. Work runs in the background: the other screens stay
 * usable, and the result lands in the status line wherever the user is by then.
 */
export function useDataController(active: boolean) {
  const db = useDb();
  const status = useStatus();
  const emit = useEmit();
  const [state, dispatch, current] = useSyncReducer(dataReducer, initialData);
  const abort = useRef<AbortController | undefined>(undefined);
  const { phase } = state;

  const writeErrors = async (path: string) => {
    const file = errorsFileFor(path);
    const { importFile } = await import('../../../transfer/importer.js');
    importFile(db.movies, path, { dryRun: true, errorsFile: file, listLimit: 0 }).then(
      (r) => status.info(`wrote ${r.rejected.toLocaleString('en-US')} rejected rows to ${file}`),
      status.error,
    );
  };

  /** E: the project's seed file in the editor, the app suspended meanwhile; s reads it as edited. */
  const editSeeds = async () => {
    const file = await db.seeds.file();
    if (!file) return status.info("no seed file here: the course's built-in movies are seeded (movies-tui init makes a project with seeds/movies.ts)");
    const result = openInEditor(file);
    if (!result.ok) status.error(result.text ?? 'the editor failed');
    else status.info(`edited ${file}: s seeds the movies not stored yet`);
  };

  useKeys(
    DATA_KEYS,
    (action) => {
      if (action === 'seed') dispatch({ type: 'seed' });
      if (action === 'editSeeds') editSeeds().catch(status.error);
      if (action === 'import') dispatch({ type: 'askImport', cwd: workingDirectory() });
      if (action === 'export') dispatch({ type: 'askExport', cwd: workingDirectory() });
      if (action === 'cancel') abort.current?.abort();
    },
    active && (phase.kind === 'idle' || isRunning(phase)),
  );
  useKeys(
    PATH_KEYS,
    (action) => {
      const p = current().phase;
      if (action === 'cancel') dispatch({ type: 'cancel' });
      if (action === 'clear') dispatch({ type: 'typePath', path: '' });
      if (action === 'submit' && (p.kind === 'importPath' || p.kind === 'exportPath')) {
        const path = expandPath(p.path);
        dispatch({ type: 'submitPath', path, exists: fileExists(path) });
      }
    },
    active && (phase.kind === 'importPath' || phase.kind === 'exportPath'),
  );
  useKeys(
    REPORT_KEYS,
    (action) => {
      const p = current().phase;
      if (p.kind !== 'report') return;
      if (action === 'cancel') dispatch({ type: 'cancel' });
      if (action === 'import') dispatch({ type: 'confirmImport' });
      if (action === 'writeErrors') void writeErrors(p.path);
    },
    active && phase.kind === 'report',
  );

  // Work starts only when the phase becomes one that runs (seeding, validating, importing,
  // exporting), with the path that phase names: progress within a phase, or anything else that
  // changes meanwhile, must not start the same work twice.
  const latest = useLatest({ state, db, status, emit });
  useEffect(() => {
    const { state, db, status, emit } = latest.current;
    const changed = () => emit({ type: 'databaseChanged' });
    const run = work(state, db, dispatch);
    if (!run) return;
    const controller = new AbortController();
    abort.current = controller;
    const kind = state.phase.kind;
    run(controller.signal).then(
      (done) => {
        if (done) {
          dispatch({ type: 'finished', ok: true, text: done });
          // The status line takes the first line; the screen shows every rejected movie.
          status.info(done.split('\n')[0]!);
          changed();
        }
      },
      (err: unknown) => {
        dispatch({ type: 'finished', ok: false, text: errorLine(err) });
        status.error(err);
        // A failed seed or import changed nothing, but the screens may show it was running.
        if (kind !== 'validating') changed();
      },
    );
  }, [phase.kind, dispatch, latest]);

  return {
    state,
    typePath: (path: string) => dispatch({ type: 'typePath', path }),
    overwrite: (yes: boolean) => dispatch(yes ? { type: 'confirmOverwrite' } : { type: 'cancel' }),
  };
}

/** The background work a phase starts, if any; resolves to the summary to show (or undefined for intermediate steps). */
function work(state: DataState, db: DatabaseApi, dispatch: (a: DataAction) => void) {
  const { phase } = state;
  switch (phase.kind) {
    case 'seeding':
      return async () => {
        const r = await db.seeds.run();
        return seedSummary(r);
      };
    case 'validating':
      return async (signal: AbortSignal) => {
        const { importFile } = await import('../../../transfer/importer.js');
        const report = await importFile(db.movies, phase.path, { dryRun: true, signal, listLimit: 1000, onProgress: (progress) => dispatch({ type: 'progress', progress }) });
        dispatch({ type: 'validated', report });
        return undefined;
      };
    case 'importing':
      return async (signal: AbortSignal) => {
        const [{ importFile }, { summary }] = await Promise.all([import('../../../transfer/importer.js'), import('../../../transfer/progress.js')]);
        const report = await importFile(db.movies, phase.path, { skipInvalid: true, signal, listLimit: 0, onProgress: (progress) => dispatch({ type: 'progress', progress }) });
        return summary(report);
      };
    case 'exporting':
      return async (signal: AbortSignal) => {
        const { exportFile } = await import('../../../transfer/exporter.js');
        // The path was checked when it was entered: it names a .csv or .json file.
        const rows = await exportFile(db.movies, phase.path, { format: formatOfPath(phase.path)!, signal, onProgress: (n) => dispatch({ type: 'exportProgress', rows: n }) });
        dispatch({ type: 'exported', rows });
        return `exported ${rows.toLocaleString('en-US')} movies to ${phase.path}`;
      };
    default:
      return undefined;
  }
}

/** What a seed did, the rejected movies (each with its line) below the counts. */
function seedSummary(r: SeedResult): string {
  const rejected = r.rejected ?? [];
  const from = r.source ? ` from ${r.source}` : '';
  const head = `seeded${from}: inserted ${r.inserted}, skipped ${r.skipped}`;
  if (rejected.length === 0) return head;
  return [`${head}, rejected ${rejected.length}: ${rejected[0]}${rejected.length > 1 ? ' …' : ''}`, ...rejected.map((l) => `  ✗ ${l}`)].join('\n');
}
