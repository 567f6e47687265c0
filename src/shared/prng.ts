/**
 * mulberry32: a tiny, fast, seedable pseudo-random generator for reproducible data (the demo's calendars,
 * benchmark inputs). Not for anything secret — tokens and ids come from node:crypto.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
