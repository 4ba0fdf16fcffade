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
  /** Told the value an edit would have made when `max` refused it (a long paste). */
  onTooLong?: (refused: string) => void;
}

/**
 * ink-text-input, minus the letters of command keys (Ctrl+S must save, not type "s"). The
 * value is drawn inert (a control character from the database shows as ␛, never reaching the
 * terminal), so editing such a value edits what is shown. With `max`, a paste of a hundred
 * thousand characters changes nothing and never has to be drawn.
 */
export function Field({ value, onChange, focus, placeholder, max, onTooLong }: FieldProps) {
  const accept = useTypingFilter();
  const shown = inert(value);
  const change = (next: string) => {
    if (!accept(next, shown)) return;
    if (max !== undefined && next.length > shown.length && charCount(next) > max) onTooLong?.(next);
    else onChange(next);
  };
  return <TextInput value={shown} focus={focus} placeholder={placeholder} onChange={change} />;
}
