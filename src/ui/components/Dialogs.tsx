import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import React, { useState, type ReactNode } from 'react';
import { useKeys } from '../keyRouter.js';
import { inert } from '../text.js';

/** A yes/no question over the screen; y or Enter confirms, n or Esc cancels. */
export function Confirm({ title, children, onYes, onNo }: { title: string; children?: ReactNode; onYes: () => void; onNo: () => void }) {
  useKeys('confirm', (action) => {
    if (action === 'yes') onYes();
    if (action === 'no') onNo();
  });
  return (
    <Box borderStyle="round" flexDirection="column" paddingX={1}>
      <Text bold>{inert(title)}</Text>
      {children}
      <Text dimColor>y / Enter: yes   n / Esc: no</Text>
    </Box>
  );
}

/** A confirmation that needs a word typed exactly (for destroying data). */
export function TypedConfirm({ title, word, children, onYes, onNo }: { title: string; word: string; children?: ReactNode; onYes: () => void; onNo: () => void }) {
  const [value, setValue] = useState('');
  const [wrong, setWrong] = useState(false);
  useKeys('typed', (action) => {
    if (action === 'cancel') onNo();
  });
  return (
    <Box borderStyle="round" borderColor="red" flexDirection="column" paddingX={1}>
      <Text bold>{inert(title)}</Text>
      {children}
      <Text>
        Type <Text bold>{inert(word)}</Text> to confirm, Esc to cancel:
      </Text>
      <Box>
        <Text>› </Text>
        <TextInput
          value={value}
          onChange={(v) => {
            setValue(inert(v));
            setWrong(false);
          }}
          onSubmit={(v) => (v === word ? onYes() : setWrong(true))}
        />
      </Box>
      {wrong ? <Text color="red">That is not "{inert(word)}".</Text> : null}
    </Box>
  );
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function Spinner({ label }: { label: string }) {
  const [frame, setFrame] = useState(0);
  React.useEffect(() => {
    const timer = setInterval(() => setFrame((f) => (f + 1) % FRAMES.length), 100);
    return () => clearInterval(timer);
  }, []);
  return (
    <Text color="yellow">
      {FRAMES[frame]} {label}
    </Text>
  );
}
