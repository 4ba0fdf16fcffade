import { useCallback, useEffect } from 'react';
import { describeColumn } from '../../../db/columns.js';
import { errorLine } from '../../backgroundErrors.js';
import { openInEditor } from '../../editor.js';
import { useKeys } from '../../keyRouter.js';
import { useDb, useEventCount, useStatus } from '../../services.js';
import { useSyncReducer } from '../../useSyncReducer.js';
import { MODEL_CHOICE_KEYS, MODEL_FORM_KEYS, MODEL_KEYS } from './keys.js';
import type { ModelState } from '../../../db/types.js';
import { columnOf, initialModel, modelReducer, type ModelAction } from './state.js';

/** The Model screen's keys and calls: the model beside the live table, and edits of the model file. */
export function useModelController(active: boolean) {
  const db = useDb();
  const status = useStatus();
  const version = useEventCount(['modelChanged', 'databaseChanged', 'connectionBack']);
  const [state, dispatch, current] = useSyncReducer(modelReducer, initialModel);

  const load = useCallback(async () => dispatch({ type: 'loaded', model: await db.model.state() }), [db, dispatch]);
  useEffect(() => {
    load().catch(status.error);
  }, [load, version, status]);

  /** Runs an edit of the model file; a refusal stays in the open form or question, in one line. */
  /** Runs an edit of the model file, then says `done` (given the model as it is now); a refusal stays in the open form or question. */
  const write = (edit: () => Promise<void>, done: (model: ModelState) => string) => {
    dispatch({ type: 'busy' });
    edit()
      .then(
        async () => {
          const model = await db.model.state();
          dispatch({ type: 'loaded', model });
          dispatch({ type: 'done' });
          status.info(done(model));
        },
        (err: unknown) => dispatch({ type: 'problem', text: errorLine(err) }),
      )
      .catch(status.error);
  };

  const file = () => current().model?.file ?? 'the model file';
  const save = () => {
    const dialog = current().dialog;
    if (dialog?.kind === 'add') {
      const result = columnOf(dialog.form);
      if ('problem' in result) return dispatch({ type: 'problem', text: result.problem });
      write(() => db.model.add(result.column), () => `added ${describeColumn(result.column)} to ${file()}: g on Migrations generates its migration`);
    } else if (dialog?.kind === 'rename' && !dialog.confirming) {
      const to = dialog.to.trim();
      if (!to) return dispatch({ type: 'problem', text: 'type the new name, e.g. minutes' });
      if (to === dialog.from) return dispatch({ type: 'problem', text: `${to} is its name already` });
      dispatch({ type: 'field', field: 'to', value: to });
      dispatch({ type: 'confirmRename' });
    }
  };

  /** y on the drop or rename question. */
  const confirm = () => {
    const dialog = current().dialog;
    if (dialog?.kind === 'drop') write(() => db.model.drop(dialog.name), () => `dropped ${dialog.name} from ${file()}: g on Migrations generates the migration that drops the column`);
    if (dialog?.kind === 'rename') {
      // The pairing the comparator will make, as the screen shows it: another pending column of the same type spoils it.
      write(
        () => db.model.rename(dialog.from, dialog.to),
        (model) =>
          model.columns.some((c) => c.name === dialog.to && c.mark === '>') || !model.columns.some((c) => c.name === dialog.from)
            ? `renamed ${dialog.from} to ${dialog.to} in ${file()}: g on Migrations generates the rename`
            : `⚠ renamed ${dialog.from} to ${dialog.to} in ${file()}, but another pending column of the same type means g would drop ${dialog.from} and add ${dialog.to}: generate the other change first`,
      );
    }
  };

  /** e: the model file in the editor, the app suspended meanwhile; read again after. */
  const edit = async () => {
    const path = current().model?.path;
    if (!path) return status.info('the built-in model is fixed: make a project with movies-tui init DIR and run movies-tui inside it to change the model');
    const result = openInEditor(path);
    if (!result.ok) status.error(result.text ?? 'the editor failed');
    const { error } = await db.model.reload();
    if (!error && result.ok) status.info(`read ${file()} again`);
    await load();
  };

  const form = state.dialog?.kind === 'add' ? state.dialog.form : undefined;
  const onChoice = form !== undefined && (form.focus === 'kind' || form.focus === 'nullable');
  const typing = (state.dialog?.kind === 'add' && !onChoice) || (state.dialog?.kind === 'rename' && !state.dialog.confirming);
  const formKeys = (action: 'next' | 'prev' | 'save' | 'cancel') => {
    if (action === 'next' || action === 'prev') dispatch({ type: 'focus', by: action === 'next' ? 1 : -1 });
    else if (action === 'save') save();
    else dispatch({ type: 'cancel' });
  };

  useKeys(MODEL_FORM_KEYS, (action) => action && formKeys(action), active && typing && !state.busy);
  useKeys(
    MODEL_CHOICE_KEYS,
    (action, name) => {
      if (action === 'change') dispatch({ type: 'change', by: name === 'left' || name === 'h' ? -1 : 1 });
      else if (action) formKeys(action);
    },
    active && onChoice && !state.busy,
  );
  useKeys(
    MODEL_KEYS,
    (action) => {
      const model = current().model;
      if (!model) return; // still loading: the keys it would act on are not drawn yet
      if (action === 'up' || action === 'down') dispatch({ type: 'move', by: action === 'up' ? -1 : 1 });
      else if (action === 'reload') {
        db.model.reload().then(load).catch(status.error);
      } else if (action === 'edit') edit().catch(status.error);
      else if (action && !model.path) status.info('the built-in model is fixed: make a project with movies-tui init DIR and run movies-tui inside it to change the model');
      else if (action === 'drop' || action === 'rename') {
        const column = model.columns[current().index];
        if (column && !column.model) status.info(`${column.name} is only in the database: there is nothing to ${action} in the model (generating a migration drops it)`);
        else dispatch({ type: action });
      } else if (action === 'add') dispatch({ type: 'add' });
    },
    active && !state.dialog && !state.busy,
  );

  return {
    state,
    onEdit: (action: ModelAction) => dispatch(action),
    onYes: confirm,
    onNo: () => dispatch({ type: 'cancel' }),
  };
}
