import { Box, Text, useInput } from 'ink';
import React, { useRef, useState, type ReactNode } from 'react';
import { useKeys, useKeysShown } from '../keyRouter.js';
import { inert } from '../text.js';

/**
 * A yes/no question over the screen; only y confirms, n or Esc cancels. Enter does not answer:
 * it is the key a person presses without reading (or types ahead), so it only says which key does.
 */
export function Confirm({ title, children, onYes, onNo }: { title: string; children?: ReactNode; onYes: () => void; onNo: () => void }) {
  const [nudged, setNudged] = useState(false);
  useKeys('confirm', (action) => {
    if (action === 'yes') onYes();
    if (action === 'no') onNo();
    if (action === 'enter') setNudged(true);
  });
  return (
    <Box borderStyle="round" flexDirection="column" paddingX={1} flexShrink={0}>
      <Text bold>{inert(title)}</Text>
      {children}
      <Text bold={nudged} dimColor={!nudged}>
        {nudged ? 'Press y for yes, or n / Esc for no (Enter does not answer).' : 'y: yes   n / Esc: no'}
      </Text>
    </Box>
  );
}

/**
 * A confirmation that needs a word typed exactly (for destroying data). The text is kept in a
 * ref as well as in state: keys that arrive faster than renders (a paste, a busy machine) each
 * build on the one before, where a controlled text input would build on a stale value.
 */
export function TypedConfirm({ title, word, children, onYes, onNo }: { title: string; word: string; children?: ReactNode; onYes: () => void; onNo: () => void }) {
  const typed = useRef('');
  const [value, setValue] = useState('');
  const [wrong, setWrong] = useState(false);
  const set = (next: string) => {
    typed.current = next;
    setValue(next);
    setWrong(false);
  };
  useKeys('typed', (action) => {
    if (action === 'cancel') onNo();
    if (action === 'submit') (typed.current === word ? onYes() : setWrong(true));
  });
  // Typing reaches the dialog only while it is on screen (see KeysShown).
  const shown = useKeysShown();
  useInput((input, key) => {
    if (key.backspace || key.delete) set(typed.current.slice(0, -1));
    else if (input && !key.ctrl && !key.meta && !key.return && !key.escape && !key.tab) set(typed.current + inert(input));
  }, { isActive: shown });
  return (
    <Box borderStyle="round" borderColor="red" flexDirection="column" paddingX={1} flexShrink={0}>
      <Text bold>{inert(title)}</Text>
      {children}
      <Text>
        Type <Text bold>{inert(word)}</Text> to confirm, Esc to cancel:
      </Text>
      <Text>
        {'› '}
        {value}
        <Text inverse> </Text>
      </Text>
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
