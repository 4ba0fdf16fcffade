import { Box, Text } from 'ink';
import React from 'react';
import { directorsText, theatreText } from '../../../text/movie.js';
import { fitWidth, inert } from '../../../text/inert.js';
import { rowWindow } from '../../rowWindow.js';
import { tableCell } from '../../tableCell.js';
import { extraName, type CourseField, type FormValues } from '../form/values.js';
import { changeOf, choices, selectedField, type Change, type ConflictField, type ConflictState } from './state.js';

const LABELS: Record<CourseField, string> = { title: 'Title', year: 'Year', directors: 'Directors', theatre: 'Theatre', mpa: 'MPA' };
/** A course field's label, or a model column's name. */
const labelOf = (field: ConflictField) => extraName(field) ?? LABELS[field as CourseField];
const CHANGES: Record<Change, string> = { nobody: '', they: 'they changed', you: 'you changed', both: '⚠ both changed', bothSame: 'same change' };
/** A field's value as one line of plain text; text written by psql is data, not terminal commands. */
export function shown(values: FormValues, field: ConflictField): string {
  const name = extraName(field);
  if (name !== undefined) {
    const v = values.extra[name] ?? '';
    return inert((Array.isArray(v) ? v.filter((i) => i.trim() !== '').join('; ') : v) || '(none)');
  }
  const text = field === 'directors' ? directorsText(values.directors) : field === 'theatre' ? theatreText(values.theatre) : field === 'mpa' ? values.mpa || '(none)' : values[field as 'title' | 'year'];
  return inert(text);
}

export interface ConflictViewProps {
  conflict: ConflictState;
  /** The version the form started from (the "started from" column). */
  baseVersion?: number;
  width: number;
  /** Lines it may take: with more fields than fit, the selected one's details go first, then the fields far from it. */
  height?: number;
  notice?: React.ReactNode;
}

/** Started from, theirs and yours side by side, one row per field; ✓ marks what the next save takes. */
export function ConflictView({ conflict, baseVersion, width, height = 40, notice }: ConflictViewProps) {
  const label = 12;
  const status = 16;
  const column = Math.max(10, Math.floor((width - 2 - label - status) / 3));
  const open = choices(conflict);
  const selected = selectedField(conflict);
  const cell = (text: string, chosen: boolean | undefined) => `${chosen ? '✓ ' : '  '}${tableCell(text, column - 2)}`;
  // The heading, a notice, the instructions, a blank line and the column names; then the fields.
  const room = height - 4 - (notice ? 1 : 0);
  const detail = selected && conflict.fields.length + DETAIL_LINES <= room;
  const { start, end } = rowWindow(conflict.fields.map(() => 1), selected ? conflict.fields.indexOf(selected) : 0, room);
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold wrap="truncate-end">
        {`Someone else saved "${shown(conflict.theirs, 'title')}" meanwhile (version ${baseVersion ?? '?'} → ${conflict.stored.version ?? '?'}): nothing was written.`}
      </Text>
      {notice}
      <Text wrap="truncate-end">
        {open.length > 0 ? 'Per field, t takes theirs, m keeps mine; Ctrl+S saves, Esc: back to the form.' : 'Their changes and yours do not overlap: Ctrl+S saves; Esc: back to the form.'}
      </Text>
      <Text> </Text>
      <Text bold wrap="truncate-end">
        {`  ${tableCell('', label)}  ${tableCell('Started from', column - 2)}  ${tableCell(`Theirs (v${conflict.stored.version ?? '?'})`, column - 2)}  ${tableCell('Yours', column - 2)}`}
      </Text>
      {start > 0 ? <Text dimColor>{`  ↑ ${start} more`}</Text> : null}
      {conflict.fields.slice(start, end).map((field) => {
        const choice = open.includes(field);
        const pick = conflict.picks[field];
        const active = field === selected;
        const line = `${active ? '›' : ' '} ${tableCell(labelOf(field), label)}${cell(shown(conflict.base, field), false)}${cell(shown(conflict.theirs, field), choice && pick === 'theirs')}${cell(shown(conflict.yours, field), choice && pick === 'mine')}${CHANGES[changeOf(conflict, field)]}`;
        return (
          <Text key={field} bold={active} dimColor={!choice} color={changeOf(conflict, field) === 'both' ? 'yellow' : undefined} wrap="truncate-end">
            {line}
          </Text>
        );
      })}
      {end < conflict.fields.length ? <Text dimColor>{`  ↓ ${conflict.fields.length - end} more`}</Text> : null}
      {detail ? <Detail conflict={conflict} field={selected} width={width} /> : null}
    </Box>
  );
}

/** Lines the selected field's details take at most: a blank line, its name, three values of up to two lines. */
const DETAIL_LINES = 2 + 3 * 2;

/** The selected field's three values (the table cuts long ones), wrapped; a long one is cut to end within two lines. */
function Detail({ conflict, field, width }: { conflict: ConflictState; field: ConflictField; width: number }) {
  const pick = conflict.picks[field];
  // The padding, the name column; what is left, twice, for a value.
  const room = Math.floor(Math.max(10, width - 2 - 16) * 1.5);
  const line = (name: string, text: string, chosen: boolean) => (
    <Box>
      <Box width={16} flexShrink={0}>
        <Text>{`${chosen ? '✓' : ' '} ${name}`}</Text>
      </Box>
      <Text wrap="wrap">{[...text].length > room ? fitWidth(text, room).trimEnd() : text}</Text>
    </Box>
  );
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold>{inert(labelOf(field))}</Text>
      {line('started from', shown(conflict.base, field), false)}
      {line('theirs', shown(conflict.theirs, field), pick === 'theirs')}
      {line('yours', shown(conflict.yours, field), pick === 'mine')}
    </Box>
  );
}
