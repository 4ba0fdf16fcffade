import { Box, Text } from 'ink';
import React, { useRef, useState, type ReactNode } from 'react';
import { useKeys } from '../keyRouter.js';
import { Field } from '../components/Field.js';
import { inert } from '../../text/inert.js';
import { CONFIRM_KEYS, TYPED_KEYS } from './keys.js';

/**
 * A yes/no question over the screen; only y confirms, n or Esc cancels. Enter does not answer:
 * it is the key a person presses without reading (or types ahead), so it only says which key does.
 */
export function Confirm({ title, children, onYes, onNo }: { title: string; children?: ReactNode; onYes: () => void; onNo: () => void }) {
  const [nudged, setNudged] = useState(false);
  useKeys(CONFIRM_KEYS, (action) => {
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
 * A confirmation that needs a word typed exactly (for destroying data), typed into a text field
 * with the usual editing keys. The text is kept in a ref as well as in state: Enter reads what
 * was typed last, even before it is drawn.
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
  useKeys(TYPED_KEYS, (action) => {
    if (action === 'cancel') onNo();
    if (action === 'submit') {
      if (typed.current === word) onYes();
      else setWrong(true);
    }
  });
  return (
    <Box borderStyle="round" borderColor="red" flexDirection="column" paddingX={1} flexShrink={0}>
      <Text bold>{inert(title)}</Text>
      {children}
      <Text>
        Type <Text bold>{inert(word)}</Text> to confirm, Esc to cancel:
      </Text>
      <Box>
        <Text>{'› '}</Text>
        {/* Longer than the word is never right: the limit keeps a paste from being drawn. */}
        <Field value={value} onChange={set} focus max={Math.max(word.length, 1) + 20} />
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
