import React from 'react';
import { Confirm } from '../../dialogs/Dialogs.js';
import { ConflictScreen } from '../conflict/index.js';
import { useFormController, type FormControllerProps } from './controller.js';
import { FormNotice, FormView } from './View.js';

/** Adds a movie, or edits one: the form, its discard question, and the conflict view when a save meets someone else's. */
export function MovieForm({ width = 80, height, ...props }: FormControllerProps & { width?: number; height?: number }) {
  const form = useFormController(props);
  const s = form.state;
  // Null when there is nothing to say: the views count the notice's line only when it is there.
  const notice = s.gone || form.newer ? <FormNotice gone={s.gone} newer={form.newer} /> : null;
  if (form.askDiscard) return <Confirm title="Discard your changes?" onYes={form.discard} onNo={form.keepEditing} />;
  if (s.conflict) {
    return (
      <ConflictScreen
        conflict={s.conflict}
        baseVersion={s.base?.version}
        width={width}
        height={height}
        notice={notice}
        onAction={(action) => form.dispatch({ type: 'resolve', action })}
        onSave={form.saveMerged}
        onBack={form.backToForm}
      />
    );
  }
  return <FormView movie={props.movie} state={s} width={width} height={height} highlight={form.highlight} notice={notice} onEdit={form.dispatch} onRefused={form.refused} />;
}
