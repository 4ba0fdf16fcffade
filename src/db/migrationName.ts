/**
 * A migration's name and comment from the message the user gives (`migrate create -m "…"`,
 * `g` on the Migrations screen). Pure, so the CLI, the app and the tests share the one rule.
 */

/** Longest slug: the file name stays readable and well under any file system's limit. */
export const SLUG_MAX = 60;

/**
 * "Add runtime column" → add_runtime_column: lower case ASCII letters, digits and underscores,
 * starting with a letter; accents are dropped (é → e), anything else separates words.
 * Empty when nothing usable is left.
 */
export function slugOf(message: string): string {
  const words = message
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^[0-9 ]+/, '');
  return words.split(' ').filter(Boolean).join('_').slice(0, SLUG_MAX).replace(/_+$/, '');
}

/**
 * The message as one line of a `//` comment: control characters (a newline, a line or paragraph
 * separator, an escape) and bidirectional overrides become spaces, so nothing the user typed
 * ends the comment, reorders what an editor shows, or reaches a terminal that prints the file.
 */
export function commentOf(message: string): string {
  return message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 500);
}
