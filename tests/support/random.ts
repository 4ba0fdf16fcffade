/** mulberry32: a small seeded generator, the same sequence for the same seed on every machine (replayable fuzzing). */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** An integer in [0, n). */
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T,>(xs: readonly T[]) => xs[int(xs.length)]! };
}
