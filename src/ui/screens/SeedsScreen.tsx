import { Box, Text } from 'ink';
import React, { useState } from 'react';
import type { DatabaseApi, SeedResult } from '../../db/types.js';
import { Spinner } from '../components/Dialogs.js';
import { useKeys } from '../keyRouter.js';

/** Runs the default seeder; movies already stored are skipped, never duplicated. */
export function SeedsScreen({ db, active, onChanged, onError }: { db: DatabaseApi; active: boolean; onChanged: () => void; onError: (err: unknown) => void }) {
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<SeedResult>();
  useKeys(
    'seeds',
    (action) => {
      if (action !== 'run') return;
      setRunning(true);
      db.seeds
        .run()
        .then((r) => {
          setResult(r);
          onChanged();
        }, onError)
        .finally(() => setRunning(false));
    },
    active && !running,
  );
  return (
    <Box flexDirection="column">
      <Text bold>Seeds</Text>
      <Text>The default seeder adds the course's movies: The Matrix, Inception, Interstellar, The Dark Knight,</Text>
      <Text>Jaws, Pulp Fiction and Spirited Away. Movies already stored (same title and year) are skipped.</Text>
      <Box marginTop={1}>
        {running ? (
          <Spinner label="Seeding…" />
        ) : result ? (
          <Text color="green">
            ✓ inserted {result.inserted}, skipped {result.skipped}
          </Text>
        ) : (
          <Text>Press Enter to run the seeder.</Text>
        )}
      </Box>
    </Box>
  );
}
