import { Box, Text } from 'ink';
import React from 'react';
import { TEXT_SCOPES, hints, type Scope } from '../keys.js';
import { inert } from '../text.js';

export const SCREENS = [
  { id: 'movies', title: 'Movies' },
  { id: 'migrations', title: 'Migrations' },
  { id: 'data', title: 'Data' },
  { id: 'database', title: 'Database' },
] as const;
export type ScreenId = (typeof SCREENS)[number]['id'];

export function Header({ label, migrations, screen, width }: { label: string; migrations?: string; screen: ScreenId; width: number }) {
  return (
    <Box flexDirection="column" width={width}>
      <Box>
        {/* Only the database label gives way on a narrow terminal. */}
        <Box flexShrink={0}>
          <Text bold>movies-tui</Text>
          <Text> · </Text>
        </Box>
        <Box flexShrink={1}>
          <Text wrap="truncate-middle">{inert(label)}</Text>
        </Box>
        {migrations ? (
          <Box flexShrink={0}>
            <Text> · {migrations}</Text>
          </Box>
        ) : null}
      </Box>
      <Box>
        {SCREENS.map((s, i) => (
          <Text key={s.id} inverse={s.id === screen} bold={s.id === screen}>
            {` ${i + 1} ${s.title} `}
          </Text>
        ))}
      </Box>
    </Box>
  );
}

/** The keys of whatever receives keys now, from the key table. */
export function Footer({ scope, width }: { scope: Scope; width: number }) {
  const own = scope === 'global' ? [] : hints(scope);
  const global = scope === 'help' || scope === 'confirm' || scope === 'typed' ? [] : ['? help', TEXT_SCOPES.has(scope) ? '^C quit' : 'q quit'];
  return (
    <Box width={width}>
      <Text dimColor wrap="truncate-end">
        {[...global, ...own].join('  ')}
      </Text>
    </Box>
  );
}

export type Status = { text: string; kind: 'info' | 'error' | 'busy' } | undefined;

export function StatusLine({ status, width }: { status: Status; width: number }) {
  if (!status) return <Text> </Text>;
  const prefix = status.kind === 'error' ? '✗ ' : status.kind === 'busy' ? '… ' : '✓ ';
  return (
    <Box width={width}>
      <Text color={status.kind === 'error' ? 'red' : status.kind === 'busy' ? 'yellow' : 'green'} wrap="truncate-end">
        {prefix}
        {inert(status.text)}
      </Text>
    </Box>
  );
}
