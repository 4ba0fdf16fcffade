/**
 * The Model screen's state: the model beside the live table, the selected column, and the open
 * form or question (add, drop, rename). Pure, so every step is unit-tested without a terminal.
 *
 *   a ─→ add form ─⏎→ busy ─→ (status line; the form stays open with its problem on failure)
 *   d ─→ confirm ─y→ busy
 *   r ─→ new name ─⏎→ confirm ("it becomes a rename") ─y→ busy
 */
import { COLUMN_KINDS, columnNameProblem, type ColumnKind, type ModelColumn } from '../../../db/columns.js';
import type { ColumnComparison, ModelState } from '../../../db/types.js';

export const ADD_FIELDS = ['name', 'kind', 'size', 'nullable', 'default'] as const;
export type AddField = (typeof ADD_FIELDS)[number];

export interface AddForm {
  name: string;
  kind: ColumnKind;
  /** varchar(n): n; numeric(p,s): "p,s". */
  size: string;
  nullable: boolean;
  default: string;
  focus: AddField;
}

export type Dialog =
  | { kind: 'add'; form: AddForm }
  | { kind: 'drop'; name: string }
  | { kind: 'rename'; from: string; to: string; confirming: boolean };

export interface ModelScreenState {
  model?: ModelState;
  index: number;
  dialog?: Dialog;
  /** Why the open form cannot be written, until it is edited. */
  problem?: string;
  busy: boolean;
}

export type ModelAction =
  | { type: 'loaded'; model: ModelState }
  | { type: 'move'; by: -1 | 1 }
  | { type: 'add' }
  | { type: 'drop' }
  | { type: 'rename' }
  | { type: 'field'; field: 'name' | 'size' | 'default' | 'to'; value: string }
  | { type: 'focus'; by: -1 | 1 }
  | { type: 'change'; by: -1 | 1 }
  | { type: 'confirmRename' }
  | { type: 'problem'; text: string }
  | { type: 'busy' }
  | { type: 'done' }
  | { type: 'cancel' };

export const initialModel = (): ModelScreenState => ({ index: 0, busy: false });

export const selectedColumn = (s: ModelScreenState): ColumnComparison | undefined => s.model?.columns[s.index];

/** The size field shows only for the kinds that have one. */
export const hasSize = (kind: ColumnKind) => kind === 'varchar' || kind === 'numeric';

const focusOrder = (form: AddForm): AddField[] => ADD_FIELDS.filter((f) => f !== 'size' || hasSize(form.kind));

export function modelReducer(state: ModelScreenState, a: ModelAction): ModelScreenState {
  const dialog = state.dialog;
  switch (a.type) {
    case 'loaded': {
      const count = a.model.columns.length;
      return { ...state, model: a.model, index: Math.max(0, Math.min(state.index, count - 1)) };
    }
    case 'move': {
      const count = state.model?.columns.length ?? 0;
      return { ...state, index: Math.max(0, Math.min(count - 1, state.index + a.by)) };
    }
    case 'add':
      return { ...state, problem: undefined, dialog: { kind: 'add', form: { name: '', kind: 'integer', size: '', nullable: true, default: '', focus: 'name' } } };
    case 'drop': {
      const column = selectedColumn(state);
      return column?.model ? { ...state, problem: undefined, dialog: { kind: 'drop', name: column.name } } : state;
    }
    case 'rename': {
      const column = selectedColumn(state);
      return column?.model ? { ...state, problem: undefined, dialog: { kind: 'rename', from: column.name, to: '', confirming: false } } : state;
    }
    case 'field':
      if (dialog?.kind === 'rename' && a.field === 'to') return { ...state, problem: undefined, dialog: { ...dialog, to: a.value } };
      if (dialog?.kind === 'add' && a.field !== 'to') return { ...state, problem: undefined, dialog: { ...dialog, form: { ...dialog.form, [a.field]: a.value } } };
      return state;
    case 'focus': {
      if (dialog?.kind !== 'add') return state;
      const order = focusOrder(dialog.form);
      const i = (order.indexOf(dialog.form.focus) + a.by + order.length) % order.length;
      return { ...state, dialog: { ...dialog, form: { ...dialog.form, focus: order[i]! } } };
    }
    case 'change': {
      if (dialog?.kind !== 'add') return state;
      const form = dialog.form;
      if (form.focus === 'nullable') return { ...state, problem: undefined, dialog: { ...dialog, form: { ...form, nullable: !form.nullable } } };
      if (form.focus !== 'kind') return state;
      const i = (COLUMN_KINDS.indexOf(form.kind) + a.by + COLUMN_KINDS.length) % COLUMN_KINDS.length;
      const kind = COLUMN_KINDS[i]!;
      const size = kind === 'varchar' ? '80' : kind === 'numeric' ? '10,2' : '';
      return { ...state, problem: undefined, dialog: { ...dialog, form: { ...form, kind, size } } };
    }
    case 'confirmRename': {
      if (dialog?.kind !== 'rename') return state;
      // Asked before the question, not after y: the question would show SQL that can never run.
      const taken = state.model?.columns.some((c) => c.model && c.name === dialog.to);
      const problem = taken ? `the model already has a property named ${dialog.to}` : columnNameProblem(dialog.to);
      return problem ? { ...state, problem } : { ...state, dialog: { ...dialog, confirming: true } };
    }
    case 'problem':
      return { ...state, busy: false, problem: a.text };
    case 'busy':
      return { ...state, busy: true };
    case 'done':
      return { ...state, busy: false, dialog: undefined, problem: undefined };
    case 'cancel':
      return { ...state, dialog: undefined, problem: undefined };
  }
}

/** The form as a column, or why it is not one yet (the name and default are checked when written). */
export function columnOf(form: AddForm): { column: ModelColumn } | { problem: string } {
  const column: ModelColumn = { name: form.name.trim(), kind: form.kind, nullable: form.nullable };
  if (!column.name) return { problem: 'type a name for the column, e.g. runtime' };
  if (form.kind === 'varchar') {
    if (!/^\d+$/.test(form.size.trim()) || Number(form.size) < 1 || Number(form.size) > 10485760) return { problem: 'varchar needs a length: a whole number such as 80' };
    column.length = Number(form.size);
  }
  if (form.kind === 'numeric') {
    const m = /^\s*(\d+)\s*(?:,\s*(\d+)\s*)?$/.exec(form.size);
    const precision = Number(m?.[1]);
    const scale = Number(m?.[2] ?? 0);
    if (!m || precision < 1 || precision > 1000 || scale > precision) return { problem: 'numeric needs precision and scale as p,s (such as 10,2; scale at most precision)' };
    column.precision = precision;
    column.scale = scale;
  }
  if (form.default.trim() !== '') column.default = form.default.trim();
  return { column };
}

/** What the row says of a difference. */
export function differenceText(c: ColumnComparison): string {
  if (c.mark === '+') return 'in the model, not in the database: g on Migrations generates the migration';
  if (c.mark === '-') return 'in the database, not in the model: a generated migration drops it';
  if (c.mark === '~') return 'differs: a generated migration alters it';
  if (c.mark === '>') return `renamed from ${c.from}: a generated migration renames it, values kept`;
  return '';
}
