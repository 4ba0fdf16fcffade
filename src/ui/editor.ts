import { runExternal } from './terminal.js';

/**
 * Opens a file in the user's editor and waits for it to close: $EDITOR, else $VISUAL, else vi.
 * The variable may hold arguments (`code --wait`), so it runs through the shell, with the file
 * passed as an argument, never pasted into the command line.
 */
export function openInEditor(file: string, env: NodeJS.ProcessEnv = process.env): { ok: boolean; text?: string } {
  const editor = env.EDITOR?.trim() || env.VISUAL?.trim() || 'vi';
  const { status, error } = runExternal('/bin/sh', ['-c', `${editor} "$1"`, 'sh', file]);
  if (error) return { ok: false, text: `could not run ${editor}: ${error}` };
  if (status !== 0) return { ok: false, text: `${editor} ended with exit code ${status ?? 'unknown (killed)'}` };
  return { ok: true };
}
