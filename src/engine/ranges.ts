/**
 * Set algebra on half-open time ranges `[start, end)` in epoch milliseconds.
 *
 * A `RangeSet` is a flat `Float64Array` `[s0, e0, s1, e1, …]` in normal form: every range non-empty (`s < e`), sorted,
 * disjoint and not touching (`e_i < s_{i+1}`). Normal form makes the set's meaning unique, so "does `[a, b)` lie
 * inside the set" is "does it lie inside one range", and the engine can walk sets with monotone pointers. Flat typed
 * arrays rather than `{start, end}` objects because the large benchmark builds sets from 40 000 intervals per query.
 * Every function returns a new set and never mutates its arguments.
 */

export type RangeSet = Float64Array;

export const EMPTY_RANGES: RangeSet = new Float64Array(0);

/** Number of ranges in a set. */
export function rangeCount(set: RangeSet): number {
  return set.length >>> 1;
}

/**
 * Normal form of arbitrary ranges `[starts[i], ends[i])` for `i < count`: unsorted, overlapping, nested, touching and
 * empty ranges are all fine (empty ones are dropped, touching ones joined). Sorted-by-start input, the common case for
 * calendar data, is merged in one pass; otherwise the non-empty pairs are copied, sorted by start together (one
 * quicksort moving both arrays, cheaper than sorting objects) and merged the same way.
 */
export function normalizeRanges(starts: ArrayLike<number>, ends: ArrayLike<number>, count = starts.length): RangeSet {
  let sorted = true;
  let n = 0;
  let prev = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    if (ends[i]! > starts[i]!) {
      n++;
      if (starts[i]! < prev) sorted = false;
      prev = starts[i]!;
    }
  }
  if (n === 0) return EMPTY_RANGES;
  if (sorted) return mergeSorted(starts, ends, count);
  const ss = new Float64Array(n);
  const es = new Float64Array(n);
  for (let i = 0, j = 0; i < count; i++) {
    if (ends[i]! > starts[i]!) {
      ss[j] = starts[i]!;
      es[j] = ends[i]!;
      j++;
    }
  }
  sortPairs(ss, es, 0, n - 1);
  return mergeSorted(ss, es, n);
}

/** Merges ranges already sorted by start (empty ones skipped). */
function mergeSorted(starts: ArrayLike<number>, ends: ArrayLike<number>, count: number): RangeSet {
  const out = new Float64Array(2 * count);
  let k = 0;
  let cs = Number.NaN;
  let ce = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const s = starts[i]!;
    const e = ends[i]!;
    if (e <= s) continue;
    // `<=`: a range starting where the current one ends continues it (touching ranges join).
    if (s <= ce) {
      if (e > ce) ce = e;
    } else {
      if (ce !== Number.NEGATIVE_INFINITY) {
        out[k++] = cs;
        out[k++] = ce;
      }
      cs = s;
      ce = e;
    }
  }
  if (ce !== Number.NEGATIVE_INFINITY) {
    out[k++] = cs;
    out[k++] = ce;
  }
  return out.slice(0, k);
}

/** In-place quicksort of `keys[lo..hi]` carrying `values` along; insertion sort for short runs. */
function sortPairs(keys: Float64Array, values: Float64Array, lo: number, hi: number): void {
  while (hi - lo > 16) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < keys[lo]!) swap(keys, values, mid, lo);
    if (keys[hi]! < keys[lo]!) swap(keys, values, hi, lo);
    if (keys[hi]! < keys[mid]!) swap(keys, values, hi, mid);
    const pivot = keys[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (keys[i]! < pivot) i++;
      while (keys[j]! > pivot) j--;
      if (i <= j) swap(keys, values, i++, j--);
    }
    // Recurse into the smaller side, loop on the larger: stack depth stays O(log n).
    if (j - lo < hi - i) {
      sortPairs(keys, values, lo, j);
      lo = i;
    } else {
      sortPairs(keys, values, i, hi);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const k = keys[i]!;
    const v = values[i]!;
    let j = i - 1;
    while (j >= lo && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      values[j + 1] = values[j]!;
      j--;
    }
    keys[j + 1] = k;
    values[j + 1] = v;
  }
}

function swap(keys: Float64Array, values: Float64Array, a: number, b: number): void {
  const k = keys[a]!;
  keys[a] = keys[b]!;
  keys[b] = k;
  const v = values[a]!;
  values[a] = values[b]!;
  values[b] = v;
}

/** Normal form of a list of `{start, end}` ranges. */
export function rangesFrom(list: readonly { start: number; end: number }[]): RangeSet {
  const starts = new Float64Array(list.length);
  const ends = new Float64Array(list.length);
  list.forEach((r, i) => {
    starts[i] = r.start;
    ends[i] = r.end;
  });
  return normalizeRanges(starts, ends);
}

/** The ranges of a set as `{start, end}` objects (for tests and debugging). */
export function rangesToList(set: RangeSet): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let i = 0; i < set.length; i += 2) out.push({ start: set[i]!, end: set[i + 1]! });
  return out;
}

/** `a ∪ b`. */
export function unionRanges(a: RangeSet, b: RangeSet): RangeSet {
  if (a.length === 0) return b.slice();
  if (b.length === 0) return a.slice();
  const starts = new Float64Array((a.length + b.length) >>> 1);
  const ends = new Float64Array(starts.length);
  // Merge by start so normalizeRanges takes its single-pass branch.
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! <= b[j]!)) {
      starts[k] = a[i]!;
      ends[k++] = a[i + 1]!;
      i += 2;
    } else {
      starts[k] = b[j]!;
      ends[k++] = b[j + 1]!;
      j += 2;
    }
  }
  return normalizeRanges(starts, ends);
}

/** `a ∩ b`. */
export function intersectRanges(a: RangeSet, b: RangeSet): RangeSet {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i]!, b[j]!);
    const e = Math.min(a[i + 1]!, b[j + 1]!);
    if (s < e) out.push(s, e);
    // Advance whichever range ends first; it cannot meet anything later in the other set.
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return Float64Array.from(out);
}

/** `a \ b`. Pieces of one range of `a` stay apart (separated by a non-empty range of `b`), so the result is normal. */
export function subtractRanges(a: RangeSet, b: RangeSet): RangeSet {
  if (b.length === 0) return a.slice();
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let s = a[i]!;
    const e = a[i + 1]!;
    while (j < b.length && b[j + 1]! <= s) j += 2;
    let jj = j;
    while (jj < b.length && b[jj]! < e) {
      if (b[jj]! > s) out.push(s, b[jj]!);
      s = Math.max(s, b[jj + 1]!);
      if (s >= e) break;
      jj += 2;
    }
    if (s < e) out.push(s, e);
  }
  return Float64Array.from(out);
}

/** True when `[start, end)` lies inside one range of `set` (binary search; the engine uses a monotone cursor). */
export function containsRange(set: RangeSet, start: number, end: number): boolean {
  let lo = 0;
  let hi = set.length >>> 1;
  // First range whose end ≥ `end`.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (set[2 * mid + 1]! < end) lo = mid + 1;
    else hi = mid;
  }
  return lo < set.length >>> 1 && set[2 * lo]! <= start;
}
