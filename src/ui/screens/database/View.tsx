import { Box, Text } from 'ink';
import React from 'react';
import { countText } from '../../../text/movie.js';
import { inert } from '../../../text/inert.js';
import { Spinner, TypedConfirm } from '../../dialogs/Dialogs.js';
import type { DatabaseScreenState } from './state.js';

interface Props {
  state: DatabaseScreenState;
  height: number;
  /** The database's name, typed to confirm a reset. */
  name: string;
  onReset: () => void;
  onCancel: () => void;
}

/** What the database is, and the movie table's live columns and indexes, read from the catalog. */
export function DatabaseView({ state: { info, asking, resetting }, height, name, onReset, onCancel }: Props) {
  if (asking) {
    return (
      <TypedConfirm title="Reset the database?" word={name} onYes={onReset} onNo={onCancel}>
        <Text>This drops the movie table (every movie) and the migrations log, then applies every migration.</Text>
      </TypedConfirm>
    );
  }
  if (resetting) return <Spinner label="Resetting…" />;
  if (!info) return <Text dimColor>loading…</Text>;
  // The indexes take the rows left (a short terminal would otherwise draw the screen over itself);
  // with less than two, one line counts them.
  const room = height - 8 - info.columns.length;
  const indexes = info.indexes.length <= room ? info.indexes : info.indexes.slice(0, Math.max(0, room - 1));
  const nameW = Math.max(6, ...info.columns.map((c) => c.name.length)) + 2;
  const typeW = Math.max(6, ...info.columns.map((c) => c.type.length)) + 2;
  return (
    <Box flexDirection="column">
      <Text bold>Database</Text>
      <Text>Kind:           {info.kind}</Text>
      <Text wrap="truncate-middle">Database:       {inert(info.target)}</Text>
      <Text>Server version: {info.serverVersion}</Text>
      <Text>Movies:         {info.rows ? countText(info.rows) : 'no movie table (apply the migrations)'}</Text>
      {info.columns.length ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>{`${'Column'.padEnd(nameW)}${'Type'.padEnd(typeW)}${'Null'.padEnd(10)}Default`}</Text>
          {info.columns.map((c) => (
            <Text key={c.name} wrap="truncate-end">{inert(`${c.name.padEnd(nameW)}${c.type.padEnd(typeW)}${(c.nullable ? 'null' : 'not null').padEnd(10)}${c.default ?? ''}`)}</Text>
          ))}
          {room < 2 ? (
            <Text bold wrap="truncate-end">{`Indexes: ${info.indexes.length}`}<Text dimColor> (movies-tui db info lists them)</Text></Text>
          ) : (
            <Text bold>Indexes</Text>
          )}
          {room >= 2 && indexes.map((i) => (
            <Text key={i.name} wrap="truncate-end">
              {'  '}
              {inert(i.definition)}
            </Text>
          ))}
          {room >= 2 && indexes.length < info.indexes.length ? <Text dimColor>{`  … and ${info.indexes.length - indexes.length} more (movies-tui db info lists them all)`}</Text> : null}
        </Box>
      ) : null}
    </Box>
  );
}
