/**
 * A movie's values as text, the same in the app, the CLI and the conflict view. Pure: the
 * callers make the result inert (src/text/inert.ts) where it is drawn.
 */

/** The theatre flag as the app and the CLI show it. */
export const theatreText = (theatre: boolean) => (theatre ? 'yes' : 'no');

/** A list of directors on one line. */
export const directorsText = (directors: readonly string[]) => directors.join(', ');

/** A row count as measured: exact, estimated ("~1,000,000") or capped ("200+"). */
export interface CountLike {
  count: number;
  exact: boolean;
  atLeast?: boolean;
}

/** "~1,000,000": the number, with ~ when it is an estimate and + when it is a floor. */
export function countText(c: CountLike): string {
  const n = c.count.toLocaleString('en-US');
  return c.atLeast ? `${n}+` : `${c.exact ? '' : '~'}${n}`;
}

/** "1 movie", "~1,000,000 movies", "200+ movies". */
export function moviesText(c: CountLike): string {
  return `${countText(c)} ${c.count === 1 && !c.atLeast ? 'movie' : 'movies'}`;
}
