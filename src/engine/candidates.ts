/**
 * Candidate meeting starts: instants in `[lo, hi]` whose wall-clock time in the query's zone is a multiple of the
 * interval, counted in minutes from local midnight (so with a 45-minute interval every day starts again at 00:00).
 *
 * Invariants: the result is sorted ascending and free of duplicates. Alignment uses the DST policy: each aligned wall
 * time of each local date is resolved like any other wall time, so on a spring-forward day a nonexistent aligned time
 * moves forward by the gap (Berlin 02:15 → 03:15 CEST, which coincides with the aligned 03:15 and is kept once; with a
 * 45-minute interval 02:15 → 03:15 is a candidate although 03:15 is not a multiple of 45), and on a fall-back day a
 * repeated aligned time is offered once, at its earlier instant (the second 02:00–02:59 in Berlin offers nothing).
 */
import { DAY_MS, MINUTE_MS, tableWallToInstant, type ZoneOffsetTable } from '../shared/time.js';

export function candidateStarts(table: ZoneOffsetTable, intervalMinutes: number, lo: number, hi: number): Float64Array {
  if (hi < lo) return new Float64Array(0);
  const perDay = Math.ceil(1440 / intervalMinutes);
  const firstDay = Math.floor(lo / DAY_MS) - 1;
  const lastDay = Math.floor(hi / DAY_MS) + 1;
  const out = new Float64Array((lastDay - firstDay + 1) * perDay);
  const step = intervalMinutes * MINUTE_MS;
  let n = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    const dayWall = day * DAY_MS;
    for (let k = 0; k < perDay; k++) {
      const t = tableWallToInstant(table, dayWall + k * step);
      if (t < lo || t > hi) continue;
      if (n === 0 || t > out[n - 1]!) {
        out[n++] = t;
        continue;
      }
      // Gap-shifted times land on or just before already emitted starts (within the gap's length): insert in place,
      // dropping duplicates, so the array stays sorted without a full sort.
      let j = n - 1;
      while (j >= 0 && out[j]! > t) j--;
      if (j >= 0 && out[j] === t) continue;
      out.copyWithin(j + 2, j + 1, n);
      out[j + 1] = t;
      n++;
    }
  }
  return out.subarray(0, n);
}
