/**
 * The Migrations screen's state: the list and its selection, the drift check, the selected
 * migration's plan, and an action (asked, running, failed). Pure, so every step is
 * unit-tested without a terminal; the controller reads the latest state when a key arrives,
 * so keys faster than renders act on what the user saw last, not on an older render.
 *
 *   key ─→ checking ─→ confirm ─y→ running ─→ (status line, or outcome on failure)
 *   g ─→ message ─⏎→ running ─→ created (its SQL for review, the list with it pending)
 */
import type { CreatedMigration, DriftReport, MigrationPlan, MigrationState } from '../../../db/types.js';

export type Direction = 'up' | 'down';

/** What a key asks for: the controller plans it on the live database before asking to confirm. */
export interface Request {
  kind: 'applyAll' | 'applyTo' | 'rollbackLast' | 'rollbackTo';
  direction: Direction;
  /** The migration to stop at (the selected one), or none for "every pending" / "the last". */
  to?: string;
  /** The selected migration's label, for the question. */
  label: string;
}

/** A question waiting for an answer. */
export interface Confirmation {
  title: string;
  direction: Direction;
  to?: string;
  /** What would run, as planned when the key was pressed. */
  labels: string[];
  /** The steps that lose data on this database: then the database name must be typed. */
  losses: string[];
  /** Rolling back: columns its up dropped that come back empty (said before it runs). */
  notes: string[];
}

export interface MigrationsScreenState {
  list: MigrationState[];
  index: number;
  drift?: DriftReport;
  plan?: MigrationPlan;
  /** Bumped by r: the preview is read again even if nothing else changed. */
  reread: number;
  confirm?: Confirmation;
  /** What runs now (a check or a migration); keys wait meanwhile. */
  running?: string;
  /** A failed migration's error, shown until the next one runs. */
  outcome?: { ok: boolean; text: string };
  /** The message being typed for a new migration (g), while the field is open. */
  message?: string;
  /** Why the message cannot name a migration, until it is edited. */
  messageError?: string;
  /** The migration just generated, its SQL shown for review until the selection moves. */
  created?: CreatedMigration;
}

export type MigrationsAction =
  | { type: 'loaded'; list: MigrationState[]; drift: DriftReport }
  | { type: 'move'; by: -1 | 1 }
  | { type: 'reread' }
  | { type: 'planned'; plan?: MigrationPlan }
  | { type: 'checking' }
  /** The check is done: ask, if it found something to run. */
  | { type: 'checked'; request?: Request; plans?: MigrationPlan[]; losses?: string[]; notes?: string[] }
  | { type: 'dismiss' }
  | { type: 'run' }
  | { type: 'failed'; text: string }
  | { type: 'ran' }
  | { type: 'ask' }
  | { type: 'typeMessage'; message: string }
  | { type: 'badMessage'; text: string }
  | { type: 'cancelMessage' }
  | { type: 'generating' }
  /** The new migration (selected in the list read after it was written), or none when the model matched. */
  | { type: 'generated'; created?: CreatedMigration; list?: MigrationState[]; drift?: DriftReport };

export const initialMigrations = (): MigrationsScreenState => ({ list: [], index: 0, reread: 0 });

export const verbOf = (direction: Direction) => (direction === 'up' ? 'applied' : 'rolled back');

/** What an action key asks for on this state, or nothing when it does not apply (nothing pending, the selection already applied, …). */
export function requestFor(state: MigrationsScreenState, kind: Request['kind']): Request | undefined {
  const selected = state.list[state.index];
  if (!selected) return undefined;
  const label = selected.label;
  const applied = state.list.some((m) => m.applied);
  const pending = state.list.some((m) => !m.applied);
  if (kind === 'applyAll' && pending) return { kind, direction: 'up', label };
  if (kind === 'applyTo' && !selected.applied) return { kind, direction: 'up', to: selected.name, label };
  if (kind === 'rollbackLast' && applied) return { kind, direction: 'down', label };
  if (kind === 'rollbackTo' && selected.applied) return { kind, direction: 'down', to: selected.name, label };
  return undefined;
}

/** The question for a request, with the labels planned when the key was pressed (not from a list that may be a reload behind). */
export function titleOf(request: Request, labels: string[]): string {
  switch (request.kind) {
    case 'applyAll':
      return 'Apply every pending migration?';
    case 'applyTo':
      return `Apply up to ${request.label}?`;
    case 'rollbackLast':
      return `Roll back ${labels[0]}?`;
    case 'rollbackTo':
      return `Roll back ${request.label} and every later migration?`;
  }
}

export function migrationsReducer(state: MigrationsScreenState, action: MigrationsAction): MigrationsScreenState {
  switch (action.type) {
    case 'loaded':
      return { ...state, list: action.list, drift: action.drift, index: Math.min(state.index, Math.max(0, action.list.length - 1)) };
    case 'move':
      return { ...state, created: undefined, index: Math.max(0, Math.min(state.list.length - 1, state.index + action.by)) };
    case 'reread':
      return { ...state, reread: state.reread + 1 };
    case 'planned':
      return { ...state, plan: action.plan };
    case 'checking':
      return { ...state, running: 'Checking what it would change…' };
    case 'checked': {
      const { request, plans = [], losses = [], notes = [] } = action;
      const labels = plans.map((p) => p.label);
      const confirm = request && labels.length ? { title: titleOf(request, labels), direction: request.direction, to: request.to, labels, losses, notes } : state.confirm;
      return { ...state, running: undefined, confirm };
    }
    case 'dismiss':
      return { ...state, confirm: undefined };
    case 'run': {
      const c = state.confirm;
      if (!c) return state;
      return { ...state, confirm: undefined, outcome: undefined, running: `${c.direction === 'up' ? 'Applying' : 'Rolling back'} ${c.labels.join(', ')}…` };
    }
    case 'failed':
      return { ...state, outcome: { ok: false, text: action.text } };
    case 'ran':
      return { ...state, running: undefined };
    case 'ask':
      return { ...state, message: '', messageError: undefined, created: undefined, outcome: undefined };
    case 'typeMessage':
      return { ...state, message: action.message, messageError: undefined };
    case 'badMessage':
      return { ...state, messageError: action.text };
    case 'cancelMessage':
      return { ...state, message: undefined, messageError: undefined };
    case 'generating':
      return { ...state, message: undefined, messageError: undefined, running: 'Generating the migration from the model…' };
    case 'generated': {
      const { created, list = state.list, drift = state.drift } = action;
      const found = created ? list.findIndex((m) => m.name === created.name) : -1;
      return { ...state, running: undefined, created, list, drift, index: found >= 0 ? found : Math.min(state.index, Math.max(0, list.length - 1)) };
    }
  }
}
