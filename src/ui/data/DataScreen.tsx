import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { Box, Text } from 'ink';
import { inert } from '../../text/inert.js';
import React, { useEffect, useRef } from 'react';
import type { DatabaseApi } from '../../db/types.js';
import { errorLine } from '../backgroundErrors.js';
import { Confirm, Spinner } from '../components/Dialogs.js';
import { Field } from '../components/Field.js';
import { formatOfPath } from '../../transfer/records.js';
import { useKeys } from '../keyRouter.js';
import { useSyncReducer } from '../useSyncReducer.js';
import { DataReport, ImportProgressView } from './DataViews.js';
import { dataReducer, initialData, isRunning, type DataState } from './dataState.js';
import { DATA_KEYS, PATH_KEYS, REPORT_KEYS } from '../screens/data/keys.js';

interface Props {
  db: DatabaseApi;
  active: boolean;
  height: number;
  width?: number;
  onChanged: () => void;
  onStatus: (text: string) => void;
  onError: (err: unknown) => void;
}

/** What the user typed, as a path: ~ is the home directory, relative paths start at the working directory. */
export const expandPath = (typed: string) => resolve(typed.trim().replace(/^~(?=$|\/)/, homedir()));
export const errorsFileFor = (path: string) => path.replace(/(\.(csv|json))?$/i, '.errors.csv');

/**
 * Seed, import and export. Work runs in the background: the other screens stay usable,
 * and the result lands in the status line wherever the user is by then.
 */
export function DataScreen({ db, active, height, width = 80, onChanged, onStatus, onError }: Props) {
  const [state, dispatch, current] = useSyncReducer(dataReducer, initialData);
  const abort = useRef<AbortController | undefined>(undefined);
  const { phase } = state;

  useKeys(
    DATA_KEYS,
    (action) => {
      if (action === 'seed') dispatch({ type: 'seed' });
      if (action === 'import') dispatch({ type: 'askImport', cwd: process.cwd() });
      if (action === 'export') dispatch({ type: 'askExport', cwd: process.cwd() });
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
        dispatch({ type: 'submitPath', path, exists: existsSync(path) });
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

  const writeErrors = async (path: string) => {
    const file = errorsFileFor(path);
    const { importFile } = await import('../../transfer/importer.js');
    importFile(db.movies, path, { dryRun: true, errorsFile: file, listLimit: 0 }).then(
      (r) => onStatus(`wrote ${r.rejected.toLocaleString('en-US')} rejected rows to ${file}`),
      onError,
    );
  };

  useEffect(() => {
    const run = work(state, db, dispatch);
    if (!run) return;
    const controller = new AbortController();
    abort.current = controller;
    const kind = phase.kind;
    run(controller.signal).then(
      (done) => {
        if (done) {
          dispatch({ type: 'finished', ok: true, text: done });
          onStatus(done);
          onChanged();
        }
      },
      (err: unknown) => {
        dispatch({ type: 'finished', ok: false, text: errorLine(err) });
        onError(err);
        // A failed seed or import changed nothing, but the screens may show it was running.
        if (kind !== 'validating') onChanged();
      },
    );
  }, [phase.kind]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Box flexDirection="column">
      <Text bold>Data</Text>
      {/* Each line fits the narrowest terminal the app draws in (60 columns), so none wraps. */}
      <Text>
        <Text bold>s</Text> seed the course's movies · <Text bold>i</Text> import · <Text bold>x</Text> export
      </Text>
      <Text dimColor>CSV: header title,year,directors,theatre,mpa; directors a;b</Text>
      <Text dimColor>JSON: an array of such objects. Stored movies are skipped.</Text>
      <Box marginTop={1} flexDirection="column">
        {/* What is left under the 5 lines above, less one for a question that wraps on a narrow terminal. */}
        <Phase state={state} height={height - 6} width={width} onPath={(path) => dispatch({ type: 'typePath', path })} onOverwrite={(yes) => dispatch(yes ? { type: 'confirmOverwrite' } : { type: 'cancel' })} />
      </Box>
    </Box>
  );
}

/** The background work a phase starts, if any; resolves to the summary to show (or undefined for intermediate steps). */
function work(state: DataState, db: DatabaseApi, dispatch: (a: Parameters<typeof dataReducer>[1]) => void) {
  const { phase } = state;
  switch (phase.kind) {
    case 'seeding':
      return async () => {
        const r = await db.seeds.run();
        return `seeded: inserted ${r.inserted}, skipped ${r.skipped}`;
      };
    case 'validating':
      return async (signal: AbortSignal) => {
        const { importFile } = await import('../../transfer/importer.js');
        const report = await importFile(db.movies, phase.path, { dryRun: true, signal, listLimit: 1000, onProgress: (progress) => dispatch({ type: 'progress', progress }) });
        dispatch({ type: 'validated', report });
        return undefined;
      };
    case 'importing':
      return async (signal: AbortSignal) => {
        const [{ importFile }, { summary }] = await Promise.all([import('../../transfer/importer.js'), import('../../transfer/progress.js')]);
        const report = await importFile(db.movies, phase.path, { skipInvalid: true, signal, listLimit: 0, onProgress: (progress) => dispatch({ type: 'progress', progress }) });
        return summary(report);
      };
    case 'exporting':
      return async (signal: AbortSignal) => {
        const { exportFile } = await import('../../transfer/exporter.js');
        // The path was checked when it was entered: it names a .csv or .json file.
        const rows = await exportFile(db.movies, phase.path, { format: formatOfPath(phase.path)!, signal, onProgress: (n) => dispatch({ type: 'exportProgress', rows: n }) });
        dispatch({ type: 'exported', rows });
        return `exported ${rows.toLocaleString('en-US')} movies to ${phase.path}`;
      };
    default:
      return undefined;
  }
}

/** Longer than any path Linux opens (PATH_MAX): a paste beyond it is refused, not drawn. */
const PATH_MAX = 4096;

function Phase({ state, height, width, onPath, onOverwrite }: { state: DataState; height: number; width: number; onPath: (p: string) => void; onOverwrite: (yes: boolean) => void }) {
  const { phase, last } = state;
  switch (phase.kind) {
    case 'importPath':
    case 'exportPath':
      return (
        <Box flexDirection="column">
          <Text bold>{phase.kind === 'importPath' ? 'Import from (.csv or .json):' : 'Export to (.csv or .json):'}</Text>
          <Box>
            <Text>› </Text>
            <Field value={phase.path} onChange={onPath} focus max={PATH_MAX} width={Math.max(10, width - 4)} />
          </Box>
          {phase.error ? <Text color="red">✗ {inert(phase.error)}</Text> : null}
        </Box>
      );
    case 'overwrite':
      return <Confirm title={`${phase.path} exists. Replace it?`} onYes={() => onOverwrite(true)} onNo={() => onOverwrite(false)} />;
    case 'seeding':
      return <Spinner label="Seeding…" />;
    case 'validating':
      return <ImportProgressView title={`Checking ${inert(phase.path)}`} progress={phase.progress} />;
    case 'importing':
      return <ImportProgressView title={`Importing ${inert(phase.path)}`} progress={phase.progress} />;
    case 'exporting':
      return <Spinner label={`Exporting to ${inert(phase.path)}… ${phase.rows.toLocaleString('en-US')} movies (Esc cancels)`} />;
    case 'report':
      return <DataReport path={phase.path} report={phase.report} height={height} />;
    case 'idle':
      return last ? <Text color={last.ok ? 'green' : 'red'}>{last.ok ? '✓' : '✗'} {inert(last.text)}</Text> : <Text dimColor>Press s, i or x.</Text>;
  }
}
