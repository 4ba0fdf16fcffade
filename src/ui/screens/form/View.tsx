import { Box, Text } from 'ink';
import React from 'react';
import type { Movie } from '../../../db/types.js';
import { DIRECTOR_MAX, TITLE_MAX } from '../../../db/validation.js';
import { inert } from '../../../text/inert.js';
import { Field } from '../../components/Field.js';
import { focused, MPA_ITEMS, type FormAction, type FormState } from './state.js';

// More digits than a year has: enough for a stray space, and a paste stops there.
const YEAR_DIGITS = 6;

/** What someone else did to the movie while it is open here, shown above the form and the conflict view. */
export function FormNotice({ gone, newer }: { gone: boolean; newer?: Movie }) {
  return gone ? (
    <Text color="yellow" wrap="truncate-end">
      This movie was deleted by someone else. Ctrl+S saves it as a new movie; Esc discards it.
    </Text>
  ) : newer ? (
    <Text color="yellow" wrap="truncate-end">
      Someone else saved this movie (version {newer.version}). Saving will show both versions.
    </Text>
  ) : null;
}

export interface FormViewProps {
  /** The movie being edited, as the form opened it (none: adding). */
  movie?: Movie;
  state: FormState;
  width: number;
  /** The MPA picker's highlighted row. */
  highlight: number;
  notice: React.ReactNode;
  onEdit: (edit: FormAction) => void;
  /** A field refused an edit (too long, control characters): `key` names the field. */
  onRefused: (key: string, edit: FormAction) => void;
}

export function FormView({ movie, state: s, width, highlight, notice, onEdit: dispatch, onRefused: refused }: FormViewProps) {
  const field = focused(s);
  // What a field may take of a row: the padding, the label column, a little room for a message.
  const fieldWidth = Math.max(10, width - 16);
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

