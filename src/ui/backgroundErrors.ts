import { scrubSecrets } from '../db/secrets.js';

/** An error as one line for the status line (its message's first line, with any password hidden). */
export const errorLine = (err: unknown): string => scrubSecrets((err instanceof Error ? err.message : String(err)).split('\n')[0]!);

/**
 * Errors that escape every handler (a promise nobody awaited). The app shows them in the
 * status line instead of dying: "never crash" includes our own slips.
 */
type Listener = (err: unknown) => void;
const listeners = new Set<Listener>();

export function reportBackgroundError(err: unknown): void {
  for (const listener of listeners) listener(err);
}

export function onBackgroundError(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
