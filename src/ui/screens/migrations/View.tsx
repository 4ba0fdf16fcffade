import { Box, Text } from 'ink';
import React from 'react';
import { fitWidth, inert } from '../../../text/inert.js';
import { Field } from '../../components/Field.js';
import { Confirm, Spinner, TypedConfirm } from '../../dialogs/Dialogs.js';
import type { CreatedMigration, MigrationPlan } from '../../../db/types.js';
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
  onMessage: (message: string) => void;
}

/** Longest message the field takes: a file name is cut to 60 characters anyway. */
const MESSAGE_MAX = 200;

const pad = (n: number) => String(n).padStart(2, '0');
/** Local time, to the minute: when the user applied it. */
const when = (d?: Date) => (d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}` : '');

/** Migrations in order, the SQL of the selected one before anything runs, and the question or the work running. */
export function MigrationsView({ state: { list, index, plan, drift, confirm, running, outcome, message, messageError, created }, width, height, notice, name, onYes, onNo, onMessage }: Props) {
  const applied = list.filter((m) => m.applied);
  // Half the width, or what the longest label and its time need if that leaves the SQL 30 columns.
  const needed = 4 + Math.max(0, ...list.map((m) => m.label.length)) + ' 2000-01-01 00:00'.length;
  const listWidth = Math.min(44, Math.max(Math.floor(width / 2), Math.min(needed, width - 30)));
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
          {created ? <Review created={created} height={height} /> : <Plan plan={plan} height={height} />}
        </Box>
      </Box>
      {message !== undefined ? (
        <Box flexDirection="column">
          <Text bold>Message for the new migration (it names the file):</Text>
          <Box>
            <Text>› </Text>
            <Field value={message} onChange={onMessage} focus max={MESSAGE_MAX} width={Math.max(10, width - 4)} />
          </Box>
          {messageError ? <Text color="red">✗ {messageError}</Text> : null}
        </Box>
      ) : null}
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
          <Notes notes={confirm.notes} />
        </TypedConfirm>
      ) : confirm ? (
        <Confirm title={confirm.title} onYes={onYes} onNo={onNo}>
          <Text>{confirm.labels.join(', ')}</Text>
          <Notes notes={confirm.notes} />
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

/** The selected migration's SQL, the way it would run now, with what it would lose. */
function Plan({ plan, height }: { plan?: MigrationPlan; height: number }) {
  if (!plan) return null;
  const risky = new Set(plan.risks.map((r) => r.statement));
  return (
    <>
      <Text bold>{plan.direction === 'up' ? 'SQL it will run (up):' : 'SQL that rolls it back (down):'}</Text>
      {/* Wrapped, not cut: the SQL is what the user is asked to read before running it. */}
      {plan.statements.slice(0, Math.max(1, height - 10)).map((l, i) => (
        <Text key={i} color={risky.has(l) ? 'red' : 'cyan'} wrap="wrap">
          {l}
        </Text>
      ))}
      {plan.risks.map((r, i) => (
        <Text key={`risk${i}`} color="red" wrap="wrap">
          {`⚠ ${r.message}`}
        </Text>
      ))}
      <Notes notes={plan.comesBackEmpty} />
    </>
  );
}

/** What a rollback cannot undo: a dropped column comes back, its values do not. */
function Notes({ notes }: { notes: string[] }) {
  return (
    <>
      {notes.map((n, i) => (
        <Text key={`note${i}`} color="yellow" wrap="wrap">
          {`⚠ ${inert(n)}`}
        </Text>
      ))}
    </>
  );
}

/** A migration just generated: both directions of its SQL, to check before u applies it. */
function Review({ created, height }: { created: CreatedMigration; height: number }) {
  // Up gets what it needs first; down what is left (each at least a line).
  const room = Math.max(2, height - 14);
  const up = created.up.slice(0, Math.max(1, room - Math.min(created.down.length, Math.floor(room / 2))));
  const down = created.down.slice(0, Math.max(1, room - up.length));
  return (
    <>
      <Text bold color="green" wrap="truncate-middle">{`Generated ${inert(created.file)}`}</Text>
      <Text bold>Review it before it runs: up (u applies it):</Text>
      {up.map((l, i) => (
        <Text key={`up${i}`} color="cyan" wrap="wrap">
          {inert(l)}
        </Text>
      ))}
      {up.length < created.up.length ? <Text dimColor>{`… ${created.up.length - up.length} more (e opens the file)`}</Text> : null}
      <Text bold>down (rolling it back runs):</Text>
      {down.map((l, i) => (
        <Text key={`down${i}`} color="cyan" wrap="wrap">
          {inert(l)}
        </Text>
      ))}
      {down.length < created.down.length ? <Text dimColor>{`… ${created.down.length - down.length} more (e opens the file)`}</Text> : null}
    </>
  );
}
