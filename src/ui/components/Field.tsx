import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import React, { useState } from 'react';
import { charCount, textProblem } from '../../db/validation.js';
import { useKeysShown, useTypingFilter } from '../keyRouter.js';
import { inert } from '../text.js';

export interface FieldProps {
  value: string;
  onChange: (v: string) => void;
  focus: boolean;
  placeholder?: string;
  /** Most characters the field takes: an edit that would go past it is refused whole. */
  max?: number;
  /** Told the value an edit would have made when the field refused it (see Field); without it the field says why itself. */
  onRefused?: (refused: string) => void;
}

/**
 * ink-text-input, minus the letters of command keys (Ctrl+S must save, not type "s"). The
 * value is drawn inert (a control character stored before the rules shows as ␛, never reaching
 * the terminal), so editing such a value edits what is shown. An edit is refused whole, and
 * onRefused told, when it would add a character a terminal acts on (a paste with a tab or a
 * bell in it), or go past `max` (a paste of a hundred thousand characters, never drawn).
 */
export function Field({ value, onChange, focus, placeholder, max, onRefused }: FieldProps) {
  const accept = useTypingFilter();
  // A field that is not on screen (under a dialog of the app's) takes no typing.
  const shownHere = useKeysShown();
  const [refusal, setRefusal] = useState<string>();
  const shown = inert(value);
  const change = (next: string) => {
    if (!accept(next, shown)) return;
    const tooLong = max !== undefined && next.length > shown.length && charCount(next) > max;
    const refused = tooLong || inert(next) !== next;
    if (refused && onRefused) return onRefused(next);
    setRefusal(!refused ? undefined : tooLong ? `at most ${max} characters` : (textProblem(next) ?? 'cannot take that text'));
    if (!refused) onChange(next);
  };
  return (
    <>
      <Box flexShrink={0}>
        <TextInput value={shown} focus={focus && shownHere} placeholder={placeholder} onChange={change} />
      </Box>
      {refusal ? (
        <Box flexShrink={1} marginLeft={2}>
          <Text color="red" wrap="truncate-end">{`✗ ${refusal}`}</Text>
        </Box>
      ) : null}
    </>
  );
}
