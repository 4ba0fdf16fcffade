/**
 * Which rows of a screen to draw in `room` lines: all when they fit, else a run around the
 * active one, with a line left at either end for "↑ n more" and "↓ n more". Pure; the form and
 * the conflict view use it when a model has more columns than the terminal has lines.
 */
export function rowWindow(lines: readonly number[], active: number, room: number): { start: number; end: number } {
  const total = lines.reduce((a, b) => a + b, 0);
  if (total <= room) return { start: 0, end: lines.length };
  const budget = Math.max(1, room - 2);
  let start = Math.max(0, Math.min(active, lines.length - 1));
  let end = start + 1;
  let used = lines[start] ?? 0;
  // Grow after the focus first (the field Tab goes to next), then before it, one row at a time.
  for (let grew = true; grew; ) {
    grew = false;
    if (end < lines.length && used + lines[end]! <= budget) {
      used += lines[end++]!;
      grew = true;
    }
    if (start > 0 && used + lines[start - 1]! <= budget) {
      used += lines[--start]!;
      grew = true;
    }
  }
  return { start, end };
}
