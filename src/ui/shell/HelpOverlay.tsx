import { Box, Text } from 'ink';
import React from 'react';
import { BINDINGS, SCOPE_TITLES, keyLabel, type Scope } from '../keys.js';
import { useKeys } from '../keyRouter.js';
import { HELP_KEYS } from './keys.js';

/** Every key of every screen, generated from the key table. */
export function HelpOverlay({ onClose, height }: { onClose: () => void; height: number }) {
  const [offset, setOffset] = React.useState(0);
  const lines: { text: string; title?: boolean }[] = [];
  for (const scope of Object.keys(SCOPE_TITLES) as Scope[]) {
    const bindings = BINDINGS.filter((b) => b.scope === scope);
    if (bindings.length === 0) continue;
    lines.push({ text: SCOPE_TITLES[scope], title: true });
    for (const b of bindings) lines.push({ text: `  ${b.keys.map(keyLabel).join(' / ').padEnd(18)} ${b.help}` });
  }
  const visible = Math.max(1, height - 2);
  useKeys(HELP_KEYS, (action, name) => {
    if (action === 'close') onClose();
    if (name === 'down' || name === 'j') setOffset((o) => Math.min(o + 1, Math.max(0, lines.length - visible)));
    if (name === 'up' || name === 'k') setOffset((o) => Math.max(0, o - 1));
    if (name === 'pgdn' || name === 'space') setOffset((o) => Math.min(o + visible, Math.max(0, lines.length - visible)));
    if (name === 'pgup') setOffset((o) => Math.max(0, o - visible));
  });
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>Keys (↑↓ PgUp PgDn scroll, Esc or ? close)</Text>
      {lines.slice(offset, offset + visible).map((l, i) => (
        <Text key={i} bold={l.title} wrap="truncate-end">
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
