import { describeError } from '../db/errors.js';
import { scrubSecrets } from '../db/secrets.js';

/** An error as one line for the status line: the same words the CLI prints (no SQL), any password hidden. */
export const errorLine = (err: unknown): string => scrubSecrets(describeError(err).message);

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
