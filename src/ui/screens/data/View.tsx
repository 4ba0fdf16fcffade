import { Box, Text } from 'ink';
import React from 'react';
import { inert } from '../../../text/inert.js';
import { Confirm, Spinner } from '../../dialogs/Dialogs.js';
import { Field } from '../../components/Field.js';
import { DataReport, ImportProgressView } from './Report.js';
import type { DataState } from './state.js';

interface Props {
  state: DataState;
  height: number;
  width: number;
  onPath: (path: string) => void;
  onOverwrite: (yes: boolean) => void;
}

/** Seed, import and export: what is running, asked or done. */
export function DataView({ state, height, width, onPath, onOverwrite }: Props) {
  return (
    <Box flexDirection="column">
      <Text bold>Data</Text>
      {/* Each line fits the narrowest terminal the app draws in (60 columns), so none wraps. */}
      <Text>
        <Text bold>s</Text> seed the missing movies · <Text bold>i</Text> import · <Text bold>x</Text> export
      </Text>
      <Text dimColor>Seeds: the course's, or a project's seeds/movies.ts (E).</Text>
      <Text dimColor>CSV: header title,year,directors,theatre,mpa; directors a;b</Text>
      <Text dimColor>JSON: an array of such objects. Stored movies are skipped.</Text>
      <Box marginTop={1} flexDirection="column">
        {/* What is left under the 6 lines above, less one for a question that wraps on a narrow terminal. */}
        <Phase state={state} height={height - 7} width={width} onPath={onPath} onOverwrite={onOverwrite} />
      </Box>
    </Box>
  );
}

/** Longer than any path Linux opens (PATH_MAX): a paste beyond it is refused, not drawn. */
const PATH_MAX = 4096;

function Phase({ state, height, width, onPath, onOverwrite }: Props) {
  const { phase, last } = state;
  switch (phase.kind) {
    case 'importPath':
    case 'exportPath':
      return (
        <Box flexDirection="column">
          <Text bold>{phase.kind === 'importPath' ? 'Import from (.csv or .json):' : 'Export to (.csv or .json):'}</Text>
          <Box>
            <Text>› </Text>
            <Field value={phase.path} onChange={onPath} focus max={PATH_MAX} width={Math.max(10, width - 4)} />
          </Box>
          {phase.error ? <Text color="red">✗ {inert(phase.error)}</Text> : null}
        </Box>
      );
    case 'overwrite':
      return <Confirm title={`${phase.path} exists. Replace it?`} onYes={() => onOverwrite(true)} onNo={() => onOverwrite(false)} />;
    case 'seeding':
      return <Spinner label="Seeding…" />;
    case 'validating':
      return <ImportProgressView title={`Checking ${inert(phase.path)}`} progress={phase.progress} />;
    case 'importing':
      return <ImportProgressView title={`Importing ${inert(phase.path)}`} progress={phase.progress} />;
    case 'exporting':
      return <Spinner label={`Exporting to ${inert(phase.path)}… ${phase.rows.toLocaleString('en-US')} movies (Esc cancels)`} />;
    case 'report':
      return <DataReport path={phase.path} report={phase.report} height={height} />;
    case 'idle':
      if (!last) return <Text dimColor>Press s, i or x.</Text>;
      // A seed's result lists the movies it left out below its counts, as many as fit.
      const [head, ...more] = last.text.split('\n');
      return (
        <Box flexDirection="column">
          <Text color={last.ok ? 'green' : 'red'}>{last.ok ? '✓' : '✗'} {inert(head!)}</Text>
          {more.slice(0, Math.max(0, height - 1)).map((line, i) => (
            <Text key={i} color="yellow" wrap="truncate-end">{inert(line)}</Text>
          ))}
        </Box>
      );
  }
}
