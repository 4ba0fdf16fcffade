import { Box, Text } from 'ink';
import React from 'react';
import { DIALOG_SCOPES, TEXT_SCOPES, hints, type Scope } from '../keys.js';
import { inert } from '../../text/inert.js';

import { SCREENS, type ScreenId, type Status } from './state.js';

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
          // Brackets mark the active screen without styling: with NO_COLOR (FORCE_COLOR=0) chalk
          // draws no inverse or bold either.
          <Text key={s.id} inverse={s.id === screen} bold={s.id === screen}>
            {s.id === screen ? `[${i + 1} ${s.title}]` : ` ${i + 1} ${s.title} `}
          </Text>
        ))}
      </Box>
    </Box>
  );
}

/**
 * The hints that fit in `width`, whole: `first` always (how to reach the rest), then the
 * scope's own hints in table order, `last` at the end; "…" says some were left out (the help,
 * ?, lists every key).
 */
export function fitHints(first: string[], own: string[], last: string[], width: number): string {
  const gap = 2;
  const join = (parts: string[]) => parts.join(' '.repeat(gap));
  const kept: string[] = [];
  let dropped = false;
  for (const hint of own) {
    if (!dropped && join([...first, ...kept, hint, ...last, '…']).length <= width) kept.push(hint);
    else dropped = true;
  }
  // Everything fits without the "…" it kept room for.
  if (dropped && join([...first, ...own, ...last]).length <= width) return join([...first, ...own, ...last]);
  return join([...first, ...kept, ...last, ...(dropped ? ['…'] : [])]);
}

/** The keys of whatever receives keys now, from the key table. */
export function Footer({ scope, width }: { scope: Scope; width: number }) {
  const own = scope === 'global' ? [] : hints(scope);
  // In a dialog only its own keys work; where letters are text, ? types a ? and only Ctrl+C quits.
  const text = TEXT_SCOPES.has(scope);
  const first = DIALOG_SCOPES.has(scope) || text ? [] : ['? help'];
  const last = DIALOG_SCOPES.has(scope) ? [] : [text ? '^C quit' : 'q quit'];
  return (
    <Box width={width}>
      <Text dimColor wrap="truncate-end">
        {fitHints(first, own, last, width)}
      </Text>
    </Box>
  );
}

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
