import { Box, Text } from 'ink';
import React from 'react';
import { isRequired, type ModelColumn } from '../../../db/columns.js';
import type { Movie } from '../../../db/types.js';
import { DIRECTOR_MAX, TITLE_MAX } from '../../../db/validation.js';
import { fitWidth, inert } from '../../../text/inert.js';
import { Field } from '../../components/Field.js';
import { rowWindow } from '../../rowWindow.js';
import { accepts, EXTRA_TEXT_MAX, extraMax, hintOf } from './extras.js';
import { fieldKey, focused, itemsOf, MPA_ITEMS, type FormAction, type FormState } from './state.js';
import { extraKey } from './values.js';

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
  /** Rows the form may take: with more fields than that, it shows the ones around the focus. */
  height?: number;
  /** The MPA picker's highlighted row. */
  highlight: number;
  notice: React.ReactNode;
  onEdit: (edit: FormAction) => void;
  /** A field refused an edit (too long, control characters, a letter in a number): `key` names the field. */
  onRefused: (key: string, edit: FormAction) => void;
}

/** One row of the form: its key, the lines it takes, whether it has the focus, and what it draws. */
interface FormRow {
  key: string;
  lines: number;
  active: boolean;
  node: React.ReactNode;
}

export function FormView({ movie, state: s, width, height = 40, highlight, notice, onEdit: dispatch, onRefused: refused }: FormViewProps) {
  const field = focused(s);
  const focusKey = fieldKey(field);
  // The label column fits the model's column names, within reason; a field takes what is left.
  const label = Math.min(24, Math.max(12, ...s.columns.map((c) => [...c.name].length + 5)));
  const fieldWidth = Math.max(10, width - label - 4);
  const row = (key: string, name: string, node: React.ReactNode, lines = 1): FormRow => {
    const active = key === focusKey;
    return { key, lines, active, node: <Row label={name} width={label} active={active} error={s.errors[key]}>{node}</Row> };
  };

  /** A list's entries, one field each, and the keys that edit it: the directors, and every text[] column. */
  const list = (name: string, title: string, max: number): FormRow[] => {
    const key = name === 'directors' ? 'directors' : extraKey(name);
    const entries = itemsOf(s, name).map((value, index) => {
      const own = `${key}[${index}]`;
      const active = own === focusKey;
      const node = (
        <>
          <Text>{index + 1}. </Text>
          <Field
            value={value}
            focus={active}
            placeholder={active ? (name === 'directors' ? 'name' : 'entry') : ''}
            max={max}
            width={fieldWidth - 3}
            onRefused={(v) => refused(own, { type: 'item', list: name, index, value: v })}
            onChange={(v) => dispatch({ type: 'item', list: name, index, value: v })}
          />
        </>
      );
      return { key: own, lines: 1, active, node: <Row label={index === 0 ? title : ''} width={label} active={active} error={s.errors[own] ?? (index === 0 ? s.errors[key] : undefined)}>{node}</Row> };
    });
    const hint = <Row label="" width={label} active={false}><Text dimColor>Ctrl+N add · Ctrl+X remove · Alt+↑/↓ move</Text></Row>;
    return [...entries, { key: `${key}:keys`, lines: 1, active: false, node: hint }];
  };

  const extra = (c: ModelColumn): FormRow[] => {
    const title = `${c.name}${isRequired(c) ? ' *' : ''}`;
    if (c.kind === 'text[]') return list(c.name, title, EXTRA_TEXT_MAX);
    const key = extraKey(c.name);
    const active = key === focusKey;
    const value = s.extra[c.name] ?? '';
    const hint = hintOf(c);
    if (c.kind === 'boolean') {
      return [row(key, title, <Text>
        {value === 'yes' ? '[x] yes' : value === 'no' ? '[ ] no' : '[ ] (none)'}
        {active ? <Text dimColor>{` (${hint})`}</Text> : null}
      </Text>)];
    }
    const text = c.kind === 'text' || c.kind === 'varchar';
    // A number, date or time needs little room, which leaves room for its hint and its error.
    const width = text ? fieldWidth : Math.min(fieldWidth, extraMax(c) + 2);
    return [row(key, title, <>
      <Field
        value={value as string}
        focus={active}
        placeholder={active ? hint : ''}
        max={extraMax(c)}
        width={width}
        accept={(v) => accepts(c, v)}
        onRefused={(v) => refused(key, { type: 'extra', name: c.name, value: v })}
        onChange={(v) => dispatch({ type: 'extra', name: c.name, value: v })}
      />
      {active && !text && value !== '' ? <Text dimColor>{` ${hint}`}</Text> : null}
    </>)];
  };

  const rows: FormRow[] = [
    row('title', 'Title', <Field value={s.title} focus={focusKey === 'title'} max={TITLE_MAX} width={fieldWidth} onRefused={(value) => refused('title', { type: 'title', value })} onChange={(value) => dispatch({ type: 'title', value })} />),
    row('year', 'Year', <Field value={s.year} focus={focusKey === 'year'} max={YEAR_DIGITS} width={fieldWidth} onRefused={(value) => refused('year', { type: 'year', value })} onChange={(value) => dispatch({ type: 'year', value })} />),
    ...list('directors', 'Directors', DIRECTOR_MAX),
    row('theatre', 'Theatre', <>
      <Text>{s.theatre ? '[x] released in theatres' : '[ ] not in theatres'}</Text>
      {field.kind === 'theatre' ? <Text dimColor> (Space toggles)</Text> : null}
    </>),
    ...(s.hasMpa ? [row('mpa', 'MPA', s.picking ? (
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
    ), s.picking ? MPA_ITEMS.length : 1)] : []),
    ...s.columns.flatMap(extra),
  ];
  // The heading, a notice, and the blank line and line of help at the bottom.
  const room = Math.max(3, height - 3 - (notice ? 1 : 0));
  const { start, end } = rowWindow(rows.map((r) => r.lines), Math.max(0, rows.findIndex((r) => r.active)), room);
  const required = s.columns.some(isRequired) ? ' · * required' : '';
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold wrap="truncate-end">{movie ? `Edit "${inert(movie.title)}"` : 'Add a movie'}</Text>
      {notice}
      {start > 0 ? <Text dimColor>{`  ↑ ${start} more`}</Text> : null}
      {rows.slice(start, end).map((r) => (
        <React.Fragment key={r.key}>{r.node}</React.Fragment>
      ))}
      {end < rows.length ? <Text dimColor>{`  ↓ ${rows.length - end} more`}</Text> : null}
      <Box marginTop={1}>
        {s.saving ? <Text color="yellow">Saving…</Text> : s.errors.form ? <Text color="red" wrap="truncate-end">✗ {inert(s.errors.form)}</Text> : <Text dimColor wrap="truncate-end">Ctrl+S saves · Enter on the last field saves · Esc cancels{required}</Text>}
      </Box>
    </Box>
  );
}

function Row({ label, width, active, error, children }: { label: string; width: number; active: boolean; error?: string; children: React.ReactNode }) {
  return (
    <Box>
      <Box width={width} flexShrink={0}>
        <Text bold={active}>{`${active ? '›' : ' '} ${fitWidth(label, width - 2).trimEnd()}`}</Text>
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
