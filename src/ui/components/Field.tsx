import TextInput from 'ink-text-input';
import React from 'react';
import { useTypingFilter } from '../keyRouter.js';

/** ink-text-input, minus the letters of command keys (Ctrl+S must save, not type "s"). */
export function Field({ value, onChange, focus, placeholder }: { value: string; onChange: (v: string) => void; focus: boolean; placeholder?: string }) {
  const accept = useTypingFilter();
  return <TextInput value={value} focus={focus} placeholder={placeholder} onChange={(next) => accept(next, value) && onChange(next)} />;
}
