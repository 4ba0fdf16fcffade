/** Medians and percentiles, and the one table the benchmark prints. */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
export const median = (xs: number[]) => percentile(xs, 50);

export interface Line {
  what: string;
  value: string;
  target?: string;
  ok?: boolean;
}

export function table(lines: Line[]): string {
  const w = [Math.max(...lines.map((l) => l.what.length)), Math.max(...lines.map((l) => l.value.length)), Math.max(6, ...lines.map((l) => (l.target ?? '').length))];
  const row = (a: string, b: string, c: string, d: string) => `${a.padEnd(w[0]!)}  ${b.padStart(w[1]!)}  ${c.padEnd(w[2]!)}  ${d}`;
  return [row('measure', 'result', 'target', ''), row('-'.repeat(w[0]!), '-'.repeat(w[1]!), '-'.repeat(w[2]!), '----'), ...lines.map((l) => row(l.what, l.value, l.target ?? '', l.ok === undefined ? '' : l.ok ? 'ok' : 'MISS'))].join('\n');
}

export const ms = (x: number) => `${x.toFixed(0)} ms`;
export const rate = (x: number) => `${Math.round(x).toLocaleString('en-US')} rows/s`;
