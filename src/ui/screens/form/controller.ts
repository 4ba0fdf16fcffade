import React, { useEffect, useState } from 'react';
import { ConflictError, connectionProblem, DuplicateMovieError, GoneError, ValidationError } from '../../../db/errors.js';
import type { ModelColumn, Movie } from '../../../db/types.js';
import { useKeys } from '../../keyRouter.js';
import { useDb, useSetDirty } from '../../services.js';
import { useSyncReducer } from '../../useSyncReducer.js';
import { FORM_KEYS, PICKER_KEYS } from './keys.js';
import { check, errorsByField, focused, formReducer, initialForm, isDirty, MPA_ITEMS, newerStored, onLastField, saveTarget, toInput, type FormAction, type FormState } from './state.js';

export interface FormControllerProps {
  movie?: Movie;
  /** The latest known stored state of the movie being edited, when someone else may have changed it. */
  stored?: Movie | 'deleted';
  hasMpa: boolean;
  /** The model's other columns the live table has; the form follows when they change. */
  columns?: readonly ModelColumn[];
  /** `created`: the movie was added (a new one, or one re-created after someone else deleted it). */
  onSaved: (movie: Movie, created: boolean) => void;
  onCancel: () => void;
}

const NONE: readonly ModelColumn[] = [];

/** A save that failed in the database: a conflict to resolve, a movie gone, or errors beside the fields. What was typed stays. */
function saveFailed(err: unknown, s: FormState): FormAction {
  if (err instanceof ConflictError) return { type: 'conflict', theirs: err.theirs };
  if (err instanceof GoneError) return { type: 'gone' };
  if (err instanceof ValidationError) return { type: 'errors', errors: errorsByField(s, err.issues) };
  if (err instanceof DuplicateMovieError) return { type: 'errors', errors: { title: err.message } };
  const lost = connectionProblem(err);
  if (lost) return { type: 'errors', errors: { form: `cannot reach the database (${lost}); nothing was saved. Your input is kept: press Ctrl+S again once it is back` } };
  return { type: 'errors', errors: { form: err instanceof Error ? err.message : String(err) } };
}

/** The form's keys, its save (an update at the version it is based on, or a create), and what the user is asked. */
export function useFormController({ movie, stored, hasMpa, columns = NONE, onSaved, onCancel }: FormControllerProps) {
  const db = useDb();
  const setDirty = useSetDirty();
  const [s, dispatch, current] = useSyncReducer(formReducer, () => initialForm(movie, hasMpa, columns));
  // A migration applied meanwhile added or dropped a column: its field comes or goes, what was typed stays.
  useEffect(() => {
    if (current().columns !== columns) dispatch({ type: 'columns', columns });
  }, [columns, current, dispatch]);
  const [askDiscard, setAskDiscard] = useState(false);
  useEffect(() => setDirty(isDirty(s)), [s, setDirty]);
  useEffect(() => {
    if (stored === 'deleted') dispatch({ type: 'gone' });
  }, [stored, dispatch]);

  // Handlers read current(): a Ctrl+S right after the last letter must save that letter too.
  const submit = () => {
    const s = current();
    if (s.saving) return;
    const errors = check(s);
    const first = Object.keys(errors)[0];
    if (first) {
      dispatch({ type: 'errors', errors });
      dispatch({ type: 'focus', field: first });
      return;
    }
    dispatch({ type: 'saving' });
    const target = saveTarget(s);
    const input = toInput(s);
    // An update happens only if the movie is still at target.version; without a target, a new movie.
    (target ? db.movies.update(target.id, input, target.version) : db.movies.create(input)).then(
      (saved) => onSaved(saved, target === undefined),
      (err: unknown) => {
        dispatch(saveFailed(err, current()));
        // The first field a save's problem names gets the focus, as when the form's own check finds one.
        const first = err instanceof ValidationError ? Object.keys(current().errors)[0] : undefined;
        if (first) dispatch({ type: 'focus', field: first });
      },
    );
  };

  // An edit a field refuses (a long paste, control characters) changes nothing: the rule it
  // breaks shows beside the field instead, the same message a save would give.
  const refused = (key: string, edit: FormAction) => {
    const s = current();
    dispatch({ type: 'errors', errors: { ...s.errors, [key]: check(formReducer(s, edit))[key] ?? 'cannot take that text' } });
  };

  // The picker's highlight: a key typed ahead (Space j j Enter in one read) moves it before it is drawn.
  const [highlight, setHighlight] = useState(0);
  const highlighted = React.useRef(0);
  const moveHighlight = (to: number) => {
    highlighted.current = Math.max(0, Math.min(MPA_ITEMS.length - 1, to));
    setHighlight(highlighted.current);
  };
  // Set when the picker opens, in the same key's handler, so a key typed ahead moves from there.
  const openPicker = () => {
    moveHighlight(Math.max(0, MPA_ITEMS.findIndex((i) => i.value === current().mpa)));
    dispatch({ type: 'picking', open: true });
  };

  useKeys(
    FORM_KEYS,
    (action) => {
      const s = current();
      const field = focused(s);
      if (action === 'next') dispatch({ type: 'next' });
      else if (action === 'prev') dispatch({ type: 'prev' });
      else if (action === 'save') submit();
      else if (action === 'enter' && onLastField(s)) submit();
      else if (action === 'enter') dispatch({ type: 'next' });
      else if (action === 'toggle' && field.kind === 'mpa') openPicker();
      else if (action === 'toggle') dispatch({ type: 'toggle' });
      else if (action === 'addItem') dispatch({ type: 'addItem' });
      else if (action === 'removeItem') dispatch({ type: 'removeItem' });
      else if (action === 'itemUp') dispatch({ type: 'moveItem', by: -1 });
      else if (action === 'itemDown') dispatch({ type: 'moveItem', by: 1 });
      else if (action === 'cancel') {
        if (isDirty(s)) setAskDiscard(true);
        else onCancel();
      }
    },
    !askDiscard && !s.picking && !s.conflict,
  );
  useKeys(
    PICKER_KEYS,
    (action, name) => {
      if (action === 'close') dispatch({ type: 'picking', open: false });
      if (action === 'choose') moveHighlight(highlighted.current + (name === 'up' || name === 'k' ? -1 : 1));
      if (action === 'pick') dispatch({ type: 'mpa', value: MPA_ITEMS[highlighted.current]!.value });
    },
    s.picking,
  );

  return {
    state: s,
    dispatch,
    refused,
    highlight,
    newer: newerStored(s, stored),
    askDiscard,
    discard: onCancel,
    keepEditing: () => setAskDiscard(false),
    /** The conflict view's: save the merged values (checked again), or go back to the form with them. */
    saveMerged: () => {
      dispatch({ type: 'merge' });
      submit();
    },
    backToForm: () => dispatch({ type: 'merge' }),
  };
}
