/**
 * The Data screen's state: seeding, and importing or exporting a file, one thing at a time.
 * Pure (a reducer), so every step of the flow is unit-tested without a terminal.
 *
 *   idle ─i→ importPath ─⏎→ validating → report ─y→ importing → idle (with a result)
 *   idle ─x→ exportPath ─⏎→ [overwrite?] → exporting → idle
 */
import type { ImportProgress, ImportReport } from '../../../transfer/importer.js';
import { formatOfPath } from '../../../transfer/records.js';

export type DataPhase =
  | { kind: 'idle' }
  | { kind: 'seeding' }
  | { kind: 'importPath'; path: string; error?: string }
  | { kind: 'validating'; path: string; progress?: ImportProgress }
  | { kind: 'report'; path: string; report: ImportReport }
  | { kind: 'importing'; path: string; report: ImportReport; progress?: ImportProgress }
  | { kind: 'exportPath'; path: string; error?: string }
  | { kind: 'overwrite'; path: string }
  | { kind: 'exporting'; path: string; rows: number };

export interface DataState {
  phase: DataPhase;
  /** The last thing that finished, shown until the next one starts. */
  last?: { ok: boolean; text: string };
  /**
   * The files last chosen in this session, offered again by the next import or export (not the
   * start directory: a second export would otherwise land wherever the app was started).
   */
  paths?: { import?: string; export?: string };
}

export type DataAction =
  | { type: 'seed' }
  | { type: 'askImport'; cwd: string }
  | { type: 'askExport'; cwd: string }
  | { type: 'typePath'; path: string }
  /** `path` is the typed name made absolute; `exists` whether a file is there. */
  | { type: 'submitPath'; path: string; exists: boolean }
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'validated'; report: ImportReport }
  | { type: 'confirmImport' }
  | { type: 'confirmOverwrite' }
  | { type: 'exported'; rows: number }
  | { type: 'exportProgress'; rows: number }
  | { type: 'finished'; ok: boolean; text: string }
  | { type: 'cancel' };

export const initialData = (): DataState => ({ phase: { kind: 'idle' } });

const withSlash = (dir: string) => (dir.endsWith('/') ? dir : `${dir}/`);

export function dataReducer(state: DataState, action: DataAction): DataState {
  const { phase } = state;
  switch (action.type) {
    case 'seed':
      return phase.kind === 'idle' ? { ...state, phase: { kind: 'seeding' } } : state;
    case 'askImport':
      return phase.kind === 'idle' ? { ...state, phase: { kind: 'importPath', path: state.paths?.import ?? withSlash(action.cwd) } } : state;
    case 'askExport':
      return phase.kind === 'idle' ? { ...state, phase: { kind: 'exportPath', path: state.paths?.export ?? `${withSlash(action.cwd)}movies.csv` } } : state;
    case 'typePath':
      return phase.kind === 'importPath' || phase.kind === 'exportPath' ? { ...state, phase: { kind: phase.kind, path: action.path } } : state;
    case 'submitPath': {
      if (phase.kind !== 'importPath' && phase.kind !== 'exportPath') return state;
      const path = action.path;
      if (!formatOfPath(path)) return { ...state, phase: { ...phase, error: 'name a .csv or .json file' } };
      if (phase.kind === 'importPath') {
        return action.exists ? { ...state, phase: { kind: 'validating', path }, paths: { ...state.paths, import: path } } : { ...state, phase: { ...phase, error: 'no such file' } };
      }
      return { ...state, phase: action.exists ? { kind: 'overwrite', path } : { kind: 'exporting', path, rows: 0 }, paths: { ...state.paths, export: path } };
    }
    case 'progress':
      if (phase.kind === 'validating' || phase.kind === 'importing') return { ...state, phase: { ...phase, progress: action.progress } };
      return state;
    case 'validated':
      return phase.kind === 'validating' ? { ...state, phase: { kind: 'report', path: phase.path, report: action.report } } : state;
    case 'confirmImport':
      // Nothing valid to load: there is nothing to confirm.
      if (phase.kind !== 'report' || phase.report.valid === 0) return state;
      return { ...state, phase: { kind: 'importing', path: phase.path, report: phase.report } };
    case 'confirmOverwrite':
      return phase.kind === 'overwrite' ? { ...state, phase: { kind: 'exporting', path: phase.path, rows: 0 } } : state;
    case 'exportProgress':
      return phase.kind === 'exporting' ? { ...state, phase: { ...phase, rows: action.rows } } : state;
    case 'exported':
      return phase.kind === 'exporting'
        ? { ...state, phase: { kind: 'idle' }, last: { ok: true, text: `exported ${action.rows.toLocaleString('en-US')} movies to ${phase.path}` } }
        : state;
    case 'finished':
      return { ...state, phase: { kind: 'idle' }, last: { ok: action.ok, text: action.text } };
    case 'cancel':
      // Running work (seeding, importing, exporting) is cancelled by its owner, which then reports 'finished'.
      if (phase.kind === 'importPath' || phase.kind === 'exportPath' || phase.kind === 'report' || phase.kind === 'overwrite') return { ...state, phase: { kind: 'idle' } };
      return state;
  }
}

/** Whether work is running that the user may cancel (Esc) while it goes on in the background. */
export const isRunning = (phase: DataPhase) => phase.kind === 'seeding' || phase.kind === 'validating' || phase.kind === 'importing' || phase.kind === 'exporting';
