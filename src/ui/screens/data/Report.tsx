import { Box, Text } from 'ink';
import React from 'react';
import type { ImportProgress, ImportReport } from '../../../transfer/importer.js';
import { formatCount as fmt, progressLine } from '../../../transfer/progress.js';
import { inert } from '../../../text/inert.js';

/** A progress bar with rows/s and ETA; says the app stays usable meanwhile. */
export function ImportProgressView({ title, progress }: { title: string; progress?: ImportProgress }) {
  return (
    <Box flexDirection="column">
      <Text bold>{title}</Text>
      {progress ? (
        <Text>{progressLine(progress)}</Text>
      ) : (
        <Text dimColor>starting…</Text>
      )}
      <Text dimColor>Keep working meanwhile (1–4 switch screens). Esc here cancels; nothing is written until the end.</Text>
    </Box>
  );
}

/** The validation report of a file, before anything is written. */
export function DataReport({ path, report, height }: { path: string; report: ImportReport; height: number }) {
  const room = Math.max(1, height - 5);
  const shown = report.rejections.slice(0, room);
  const more = report.rejections.length - shown.length;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-middle">{inert(path)}</Text>
      <Text>
        {fmt(report.rows)} rows: <Text color="green">{fmt(report.valid)} valid</Text>
        {report.rejected > 0 ? <Text color="red">, {fmt(report.rejected)} rejected</Text> : null}
      </Text>
      {shown.map((r, i) => (
        <Text key={i} wrap="truncate-end">
          {'  '}
          {r.where.padEnd(11)} {inert(r.field).padEnd(10)} {inert(r.reason)}
        </Text>
      ))}
      {more > 0 ? <Text dimColor>  … and {fmt(more)} more (w writes them all to a file)</Text> : null}
      {report.valid > 0 ? (
        <Text bold>
          Import the {fmt(report.valid)} valid rows?{report.rejected > 0 ? ' Rejected rows are left out.' : ''} Movies already stored are skipped.
        </Text>
      ) : (
        <Text color="red">Nothing to import: every row was rejected. Fix the file (w writes the rejected rows) and try again.</Text>
      )}
    </Box>
  );
}
