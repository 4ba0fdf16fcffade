import TextInput from 'ink-text-input';
import React from 'react';
import { charCount } from '../../db/validation.js';
import { useTypingFilter } from '../keyRouter.js';
import { inert } from '../text.js';

export interface FieldProps {
  value: string;
  onChange: (v: string) => void;
  focus: boolean;
  placeholder?: string;
  /** Most characters the field takes: an edit that would go past it is refused whole. */
  max?: number;
  /** Told the value an edit would have made when the field refused it (see Field). */
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
  const shown = inert(value);
  const change = (next: string) => {
    if (!accept(next, shown)) return;
    const tooLong = max !== undefined && next.length > shown.length && charCount(next) > max;
    if (tooLong || inert(next) !== next) onRefused?.(next);
    else onChange(next);
  };
  return <TextInput value={shown} focus={focus} placeholder={placeholder} onChange={change} />;
}
