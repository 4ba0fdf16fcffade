import { Box, Text } from 'ink';
import React from 'react';
import { countText } from '../../../text/movie.js';
import { inert } from '../../../text/inert.js';
import { Spinner, TypedConfirm } from '../../dialogs/Dialogs.js';
import { historyRoom, indexRoom, timestamp } from './layout.js';
import type { Change, DatabaseScreenState } from './state.js';
import type { ColumnInfo, DatabaseInfo } from '../../../db/types.js';

interface Props {
  state: DatabaseScreenState;
  height: number;
  /** The database's name, typed to confirm a reset. */
  name: string;
  onReset: () => void;
  onCancel: () => void;
}

/**
 * What the database is, the movie table's live columns, the migration history table and the
 * indexes, read from the catalog. After a migration run: columns added (+, green), dropped
 * (−, red) and retyped (~, yellow), and the history rows it wrote or deleted.
 */
export function DatabaseView({ state: { info, change, asking, resetting }, height, name, onReset, onCancel }: Props) {
  if (asking) {
    return (
      <TypedConfirm title="Reset the database?" word={name} onYes={onReset} onNo={onCancel}>
        <Text>This drops the movie table (every movie) and the migrations log, then applies every migration.</Text>
      </TypedConfirm>
    );
  }
  if (resetting) return <Spinner label="Resetting…" />;
  if (!info) return <Text dimColor>loading…</Text>;
  const columnLines = info.columns.length + (change?.dropped.length ?? 0) + (info.columns.length || change ? 1 : 0) + (change ? 1 : 0);
  // Title, two lines about the database, a blank line: then the columns, the history, the indexes.
  const left = height - 4 - columnLines;
  const history = historyRoom(info, change, left - 1);
  const indexes = indexRoom(info.indexes.length, left - history.lines);
  return (
    <Box flexDirection="column">
      <Text bold>Database</Text>
      <Text wrap="truncate-end">{`Kind: ${info.kind}   Server version: ${info.serverVersion}   Movies: ${info.rows ? countText(info.rows) : 'no movie table (apply the migrations)'}`}</Text>
      <Text wrap="truncate-middle">Database: {inert(info.target)}</Text>
      <Box flexDirection="column" marginTop={1}>
        {change ? <ChangeCaption change={change} /> : null}
        <Columns info={info} change={change} />
        <History info={info} change={change} room={history} />
        {indexes.summary ? (
          <Text bold wrap="truncate-end">{`Indexes: ${info.indexes.length}`}<Text dimColor> (movies-tui db info lists them)</Text></Text>
        ) : (
          <Text bold>Indexes</Text>
        )}
        {info.indexes.slice(0, indexes.shown).map((i) => (
          <Text key={i.name} wrap="truncate-end">
            {'  '}
            {inert(i.definition)}
          </Text>
        ))}
        {indexes.more ? <Text dimColor>{`  … and ${indexes.more} more (movies-tui db info lists them all)`}</Text> : null}
      </Box>
    </Box>
  );
}

function ChangeCaption({ change }: { change: Change }) {
  const what = `${change.direction === 'up' ? 'applying' : 'rolling back'} ${change.labels.join(', ')}`;
  const nothing = !change.added.length && !change.dropped.length && !Object.keys(change.retyped).length;
  return (
    <Text wrap="truncate-end">
      <Text bold>{`After ${what}: `}</Text>
      {nothing ? <Text dimColor>no column changed</Text> : <><Text color="green">+ added</Text>{'  '}<Text color="red">− dropped</Text>{'  '}<Text color="yellow">~ type changed</Text></>}
      <Text dimColor> (until a key)</Text>
    </Text>
  );
}

function Columns({ info, change }: { info: DatabaseInfo; change?: Change }) {
  const all: ColumnInfo[] = [...info.columns, ...(change?.dropped ?? [])];
  if (all.length === 0) return null;
  const nameW = Math.max(6, ...all.map((c) => c.name.length)) + 2;
  const typeOf = (c: ColumnInfo) => (change?.retyped[c.name] ? `${c.type} (was ${change.retyped[c.name]})` : c.type);
  const typeW = Math.max(6, ...all.map((c) => typeOf(c).length)) + 2;
  const line = (mark: string, c: ColumnInfo) => inert(`${mark} ${c.name.padEnd(nameW)}${typeOf(c).padEnd(typeW)}${(c.nullable ? 'null' : 'not null').padEnd(10)}${c.default ?? ''}`);
  return (
    <>
      <Text bold>{`  ${'Column'.padEnd(nameW)}${'Type'.padEnd(typeW)}${'Null'.padEnd(10)}Default`}</Text>
      {info.columns.map((c) => {
        const mark = change?.added.includes(c.name) ? '+' : change?.retyped[c.name] ? '~' : ' ';
        const color = mark === '+' ? 'green' : mark === '~' ? 'yellow' : undefined;
        return <Text key={c.name} color={color} wrap="truncate-end">{line(mark, c)}</Text>;
      })}
      {change?.dropped.map((c) => (
        <Text key={`dropped ${c.name}`} color="red" wrap="truncate-end">{`${line('−', c).trimEnd()}  (dropped)`}</Text>
      ))}
    </>
  );
}

/** The history table as stored: one row per applied migration, the rows a run wrote (+) or deleted (−) marked. */
function History({ info, change, room }: { info: DatabaseInfo; change?: Change; room: ReturnType<typeof historyRoom> }) {
  if (room.lines === 0) return null;
  const rows = info.history;
  if (!rows) return <Text dimColor wrap="truncate-end">{`History: no ${info.historyTable} table yet (the first migration run makes it)`}</Text>;
  if (room.summary) {
    return <Text wrap="truncate-end"><Text bold>{`History: ${rows.length} rows in ${info.historyTable}`}</Text><Text dimColor> (movies-tui db info lists them)</Text></Text>;
  }
  const deleted = change?.historyDeleted ?? [];
  const all = [...rows.map((r) => ({ ...r, mark: change?.historyAdded.includes(r.id) ? '+' : ' ' })), ...deleted.map((r) => ({ ...r, mark: '−' }))];
  const shown = all.slice(all.length - room.rows);
  const nameW = Math.max(4, ...shown.map((r) => r.name.length)) + 2;
  const idW = Math.max(2, ...shown.map((r) => String(r.id).length));
  return (
    <>
      <Text wrap="truncate-end">
        <Text bold>{`History: ${info.historyTable}`}</Text>
        <Text dimColor> · applied = has a row here (u writes it, d deletes it)</Text>
      </Text>
      <Text bold>{`  ${'id'.padStart(idW)}  ${'name'.padEnd(nameW)}executed_at`}</Text>
      {room.earlier ? <Text dimColor>{`  … ${all.length - shown.length} earlier rows`}</Text> : null}
      {shown.map((r) => (
        <Text key={`${r.mark}${r.id}`} color={r.mark === '+' ? 'green' : r.mark === '−' ? 'red' : undefined} wrap="truncate-end">
          {`${r.mark} ${String(r.id).padStart(idW)}  ${inert(r.name).padEnd(nameW)}${r.mark === '−' ? '(row deleted)' : timestamp(r.executedAt)}`}
        </Text>
      ))}
    </>
  );
}
