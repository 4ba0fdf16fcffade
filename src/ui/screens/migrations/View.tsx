import { Box, Text } from 'ink';
import React from 'react';
import { fitWidth, inert } from '../../../text/inert.js';
import { Confirm, Spinner, TypedConfirm } from '../../dialogs/Dialogs.js';
import type { MigrationsScreenState } from './state.js';

interface Props {
  state: MigrationsScreenState;
  width: number;
  height: number;
  /** Why the app opened here (pending migrations at start). */
  notice?: string;
  /** The database's name, typed to confirm a step that loses data. */
  name: string;
  onYes: () => void;
  onNo: () => void;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Local time, to the minute: when the user applied it. */
const when = (d?: Date) => (d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}` : '');

/** Migrations in order, the SQL of the selected one before anything runs, and the question or the work running. */
export function MigrationsView({ state: { list, index, plan, drift, confirm, running, outcome }, width, height, notice, name, onYes, onNo }: Props) {
  const applied = list.filter((m) => m.applied);
  // Half the width, or what the longest label and its time need if that leaves the SQL 30 columns.
  const needed = 4 + Math.max(0, ...list.map((m) => m.label.length)) + ' 2000-01-01 00:00'.length;
  const listWidth = Math.min(44, Math.max(Math.floor(width / 2), Math.min(needed, width - 30)));
  const sqlLines = plan ? plan.statements : [];
  const risky = new Set(plan?.risks.map((r) => r.statement));
  const driftLines = drift && !drift.upToDate ? drift.statements : [];
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>
        Migrations <Text dimColor>{`${applied.length}/${list.length} applied`}</Text>
      </Text>
      {notice ? <Text color="yellow">{notice}</Text> : null}
      {/* An open question is drawn whole: the list and the SQL give way to it on a short terminal. */}
      <Box flexGrow={1} flexShrink={confirm ? 1 : 0} minHeight={confirm ? 0 : list.length} overflow="hidden">
        <Box flexDirection="column" width={listWidth} flexShrink={0}>
          {list.map((m, i) => {
            const state = m.applied ? ` ${when(m.executedAt)}` : ' pending';
            // The label gives way to the time, and a cut label ends with "…".
            const name = fitWidth(m.label, Math.max(4, listWidth - 4 - state.length)).trimEnd();
            return (
              <Box key={m.name}>
                <Text inverse={i === index} wrap="truncate-end">
                  {`${i === index ? '›' : ' '} ${m.applied ? '✓' : '·'} ${name}`}
                </Text>
                <Text dimColor wrap="truncate-end">{state}</Text>
              </Box>
            );
          })}
        </Box>
        <Box flexDirection="column" flexGrow={1} paddingLeft={1}>
          {plan ? (
            <Text bold>
              {plan.direction === 'up' ? 'SQL it will run (up):' : 'SQL that rolls it back (down):'}
            </Text>
          ) : null}
          {/* Wrapped, not cut: the SQL is what the user is asked to read before running it. */}
          {sqlLines.slice(0, Math.max(1, height - 10)).map((l, i) => (
            <Text key={i} color={risky.has(l) ? 'red' : 'cyan'} wrap="wrap">
              {l}
            </Text>
          ))}
          {plan?.risks.map((r, i) => (
            <Text key={`risk${i}`} color="red" wrap="wrap">
              {`⚠ ${r.message}`}
            </Text>
          ))}
        </Box>
      </Box>
      {confirm ? null : driftLines.length ? (
        <Box flexDirection="column">
          <Text color="yellow">⚠ The model differs from the database; this SQL would bring it in line:</Text>
          {driftLines.slice(0, 3).map((l, i) => (
            <Text key={i} color="yellow" wrap="truncate-end">
              {'  '}
              {inert(l)}
            </Text>
          ))}
        </Box>
      ) : drift ? (
        <Text dimColor>The model matches the database.</Text>
      ) : null}
      {confirm?.losses.length ? (
        <TypedConfirm title={confirm.title} word={name} onYes={onYes} onNo={onNo}>
          <Text>{confirm.labels.join(', ')}</Text>
          {confirm.losses.map((l, i) => (
            <Text key={i} color="red" wrap="wrap">{`⚠ ${l}`}</Text>
          ))}
        </TypedConfirm>
      ) : confirm ? (
        <Confirm title={confirm.title} onYes={onYes} onNo={onNo}>
          <Text>{confirm.labels.join(', ')}</Text>
        </Confirm>
      ) : running ? (
        <Spinner label={running} />
      ) : outcome ? (
        <Text color={outcome.ok ? 'green' : 'red'} wrap="wrap">
          {outcome.ok ? '✓ ' : '✗ '}
          {inert(outcome.text)}
        </Text>
      ) : null}
    </Box>
  );
}
