import React from 'react';
import { useConflictController, type ConflictHandlers } from './controller.js';
import { ConflictView, type ConflictViewProps } from './View.js';

/** Someone else saved the movie meanwhile: their values and yours, field by field, to merge. */
export function ConflictScreen(props: ConflictViewProps & ConflictHandlers) {
  useConflictController(props);
  return <ConflictView conflict={props.conflict} baseVersion={props.baseVersion} width={props.width} height={props.height} notice={props.notice} />;
}
