import { Box, Text } from 'ink';
import React, { useCallback, useEffect, useState } from 'react';
import type { DatabaseApi, DatabaseInfo } from '../../db/types.js';
import { Spinner, TypedConfirm } from '../components/Dialogs.js';
import { useKeys } from '../keyRouter.js';
import { inert } from '../../text/inert.js';
import { DATABASE_KEYS } from '../screens/database/keys.js';

/** What the database is, and the movie table's live columns and indexes, read from the catalog. */
export function DatabaseScreen({ db, active, version, height, onChanged, onStatus, onError }: {
  db: DatabaseApi;
  active: boolean;
  version: number;
  height: number;
  onChanged: () => void;
  onStatus: (text: string) => void;
  onError: (err: unknown) => void;
}) {
  const [info, setInfo] = useState<DatabaseInfo>();
  const [asking, setAsking] = useState(false);
  const [resetting, setResetting] = useState(false);
  const load = useCallback(() => db.info().then(setInfo, onError), [db]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    void load();
  }, [load, version]);

  useKeys(
    DATABASE_KEYS,
    (action) => {
      if (action === 'reload') void load();
      if (action === 'reset') setAsking(true);
    },
    active && !asking && !resetting,
  );

  const reset = () => {
    setAsking(false);
    setResetting(true);
    db.reset()
      .then((applied) => onStatus(`reset: dropped the tables and applied ${applied.length} migrations`), onError)
      .finally(() => {
        setResetting(false);
        onChanged();
      });
  };

  if (asking) {
    return (
      <TypedConfirm title="Reset the database?" word={db.name} onYes={reset} onNo={() => setAsking(false)}>
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
      <Text>Movies:         {info.rows ? `${info.rows.exact ? '' : '~'}${info.rows.count}` : 'no movie table (apply the migrations)'}</Text>
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
