import { Box, Text } from 'ink';
import React, { useEffect, useLayoutEffect, useState } from 'react';
import { ConflictError, connectionProblem, DuplicateMovieError, GoneError, ValidationError } from '../../db/errors.js';
import type { Movie, MovieInput } from '../../db/types.js';
import { DIRECTOR_MAX, MPA_RATINGS, TITLE_MAX } from '../../db/validation.js';
import { Confirm } from '../components/Dialogs.js';
import { Field } from '../components/Field.js';
import { useKeys } from '../keyRouter.js';
import { useSyncReducer } from '../useSyncReducer.js';
import { inert } from '../../text/inert.js';
import { ConflictView } from './ConflictView.js';
import { check, focused, formReducer, initialForm, isDirty, onLastField, saveTarget, toInput, type FormAction } from './formState.js';
import { FORM_KEYS, PICKER_KEYS } from '../screens/form/keys.js';

export interface MovieFormProps {
  movie?: Movie;
  /** The latest known stored state of the movie being edited, when someone else may have changed it. */
  stored?: Movie | 'deleted';
  hasMpa: boolean;
  width?: number;
  /** Updates the movie `target` names, only if still at `target.version`; creates a new one without a target. */
  save: (input: MovieInput, target?: { id: number; version?: number }) => Promise<Movie>;
  /** `created`: the movie was added (a new one, or one re-created after someone else deleted it). */
  onSaved: (movie: Movie, created: boolean) => void;
  onCancel: () => void;
  onDirtyChange?: (dirty: boolean) => void;
}

// More digits than a year has: enough for a stray space, and a paste stops there.
const YEAR_DIGITS = 6;

const MPA_ITEMS = [{ label: '(none)', value: '' }, ...MPA_RATINGS.map((r) => ({ label: r, value: r as string }))];

/** A save that failed in the database: a conflict to resolve, a movie gone, or errors beside the fields. What was typed stays. */
function saveFailed(err: unknown): FormAction {
  if (err instanceof ConflictError) return { type: 'conflict', theirs: err.theirs };
  if (err instanceof GoneError) return { type: 'gone' };
  if (err instanceof ValidationError) return { type: 'errors', errors: Object.fromEntries(err.issues.map((i) => [i.field, i.message])) };
  if (err instanceof DuplicateMovieError) return { type: 'errors', errors: { title: err.message } };
  const lost = connectionProblem(err);
  if (lost) return { type: 'errors', errors: { form: `cannot reach the database (${lost}); nothing was saved. Your input is kept: press Ctrl+S again once it is back` } };
  return { type: 'errors', errors: { form: err instanceof Error ? err.message : String(err) } };
}

export function MovieForm({ movie, stored, hasMpa, width = 80, save, onSaved, onCancel, onDirtyChange }: MovieFormProps) {
  const [s, dispatch, current] = useSyncReducer(formReducer, () => initialForm(movie, hasMpa));
  const [askDiscard, setAskDiscard] = useState(false);
  const field = focused(s);
  // What a field may take of a row: the padding, the label column, a little room for a message.
  const fieldWidth = Math.max(10, width - 16);
  useEffect(() => onDirtyChange?.(isDirty(s)), [s, onDirtyChange]);
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
    save(toInput(s), target).then(
      (saved) => onSaved(saved, target === undefined),
      (err: unknown) => dispatch(saveFailed(err)),
    );
  };

  // An edit a field refuses (a long paste, control characters) changes nothing: the rule it
  // breaks shows beside the field instead, the same message a save would give.
  const refused = (key: string, edit: FormAction) => {
    const s = current();
    dispatch({ type: 'errors', errors: { ...s.errors, [key]: check(formReducer(s, edit))[key] ?? 'cannot take that text' } });
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
      else if (action === 'toggle' && field.kind === 'theatre') dispatch({ type: 'toggleTheatre' });
      else if (action === 'toggle' && field.kind === 'mpa') dispatch({ type: 'picking', open: true });
      else if (action === 'addDirector') dispatch({ type: 'addDirector' });
      else if (action === 'removeDirector') dispatch({ type: 'removeDirector' });
      else if (action === 'directorUp') dispatch({ type: 'moveDirector', by: -1 });
      else if (action === 'directorDown') dispatch({ type: 'moveDirector', by: 1 });
      else if (action === 'cancel') (isDirty(s) ? setAskDiscard(true) : onCancel());
    },
    !askDiscard && !s.picking && !s.conflict,
  );
  // The picker's highlight: a key typed ahead (Space j j Enter in one read) moves it before it is drawn.
  const [highlight, setHighlight] = useState(0);
  const highlighted = React.useRef(0);
  const moveHighlight = (to: number) => {
    highlighted.current = Math.max(0, Math.min(MPA_ITEMS.length - 1, to));
    setHighlight(highlighted.current);
  };
  useLayoutEffect(() => {
    if (s.picking) moveHighlight(Math.max(0, MPA_ITEMS.findIndex((i) => i.value === current().mpa)));
  }, [s.picking]); // eslint-disable-line react-hooks/exhaustive-deps
  useKeys(
    PICKER_KEYS,
    (action, name) => {
      if (action === 'close') dispatch({ type: 'picking', open: false });
      if (action === 'choose') moveHighlight(highlighted.current + (name === 'up' || name === 'k' ? -1 : 1));
      if (action === 'pick') dispatch({ type: 'mpa', value: MPA_ITEMS[highlighted.current]!.value });
    },
    s.picking,
  );

  // A stored version newer than any this form has seen (the form's base, or theirs in a conflict).
  const seen = s.conflict?.stored.version ?? s.base?.version ?? Infinity;
  const newer = stored !== undefined && stored !== 'deleted' && stored.version !== undefined && stored.version > seen ? stored : undefined;
  const notice = s.gone ? (
    <Text color="yellow" wrap="truncate-end">
      This movie was deleted by someone else. Ctrl+S saves it as a new movie; Esc discards it.
    </Text>
  ) : newer ? (
    <Text color="yellow" wrap="truncate-end">
      Someone else saved this movie (version {newer.version}). Saving will show both versions.
    </Text>
  ) : null;

  if (askDiscard) {
    return <Confirm title="Discard your changes?" onYes={onCancel} onNo={() => setAskDiscard(false)} />;
  }
  if (s.conflict) {
    return (
      <ConflictView
        conflict={s.conflict}
        baseVersion={s.base?.version}
        width={width}
        notice={notice}
        onAction={(action) => dispatch({ type: 'resolve', action })}
        onSave={() => {
          dispatch({ type: 'merge' });
          submit();
        }}
        onBack={() => dispatch({ type: 'merge' })}
      />
    );
  }
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>{movie ? `Edit "${inert(movie.title)}"` : 'Add a movie'}</Text>
      {notice}
      <Row label="Title" active={field.kind === 'title'} error={s.errors.title}>
        <Field value={s.title} focus={field.kind === 'title'} max={TITLE_MAX} width={fieldWidth} onRefused={(value) => refused('title', { type: 'title', value })} onChange={(value) => dispatch({ type: 'title', value })} />
      </Row>
      <Row label="Year" active={field.kind === 'year'} error={s.errors.year}>
        <Field value={s.year} focus={field.kind === 'year'} max={YEAR_DIGITS} width={fieldWidth} onRefused={(value) => refused('year', { type: 'year', value })} onChange={(value) => dispatch({ type: 'year', value })} />
      </Row>
      {s.directors.map((d, index) => {
        const active = field.kind === 'director' && field.index === index;
        return (
          <Row key={index} label={index === 0 ? 'Directors' : ''} active={active} error={s.errors[`directors[${index}]`] ?? (index === 0 ? s.errors.directors : undefined)}>
            <Text>{index + 1}. </Text>
            <Field
              value={d}
              focus={active}
              placeholder={active ? 'name' : ''}
              max={DIRECTOR_MAX}
              width={fieldWidth - 3}
              onRefused={(value) => refused(`directors[${index}]`, { type: 'director', index, value })}
              onChange={(value) => dispatch({ type: 'director', index, value })}
            />
          </Row>
        );
      })}
      <Row label="" active={false}>
        <Text dimColor>Ctrl+N add · Ctrl+X remove · Alt+↑/↓ move</Text>
      </Row>
      <Row label="Theatre" active={field.kind === 'theatre'} error={s.errors.theatre}>
        <Text>{s.theatre ? '[x] released in theatres' : '[ ] not in theatres'}</Text>
        {field.kind === 'theatre' ? <Text dimColor> (Space toggles)</Text> : null}
      </Row>
      {s.hasMpa ? (
        <Row label="MPA" active={field.kind === 'mpa'} error={s.errors.mpa}>
          {s.picking ? (
            <Box flexDirection="column">
              {MPA_ITEMS.map((item, i) => (
                <Text key={item.label} color={i === highlight ? 'blue' : undefined}>
                  {`${i === highlight ? '❯' : ' '} ${item.label}`}
                </Text>
              ))}
            </Box>
          ) : (
            <Text>
              {s.mpa || '(none)'}
              {field.kind === 'mpa' ? <Text dimColor> (Space to choose)</Text> : null}
            </Text>
          )}
        </Row>
      ) : null}
      <Box marginTop={1}>
        {s.saving ? <Text color="yellow">Saving…</Text> : s.errors.form ? <Text color="red">✗ {inert(s.errors.form)}</Text> : <Text dimColor>Ctrl+S saves · Enter on the last field saves · Esc cancels</Text>}
      </Box>
    </Box>
  );
}

function Row({ label, active, error, children }: { label: string; active: boolean; error?: string; children: React.ReactNode }) {
  return (
    <Box>
      <Box width={12} flexShrink={0}>
        <Text bold={active}>{`${active ? '›' : ' '} ${label}`}</Text>
      </Box>
      <Box flexShrink={1}>{children}</Box>
      {error ? (
        <Box marginLeft={2} flexShrink={1}>
          <Text color="red" wrap="truncate-end">
            ✗ {inert(error)}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}

