/**
 * Stage two of the engine: sorted candidate starts × per-participant and per-room free `RangeSet`s → slots and
 * diagnostics, in one sweep.
 *
 * Invariants: each free set gets a cursor that only moves forward, which is valid because candidates ascend and the
 * meeting end `t + d` ascends with them: a range that ends before `t + d` can hold no later meeting either. Every
 * candidate is evaluated for every participant and room, also after `maxResults` slots were found, so the diagnostics
 * describe the whole window. Output order is candidate order; `participantIds` and `roomId` follow input order.
 */
import type { RangeSet } from './ranges.js';
import { formatInstant } from '../shared/time.js';
import type { Slot } from '../shared/slot-query.js';

export interface SweepInput {
  candidates: Float64Array;
  durationMs: number;
  participantIds: readonly string[];
  participantFree: readonly RangeSet[];
  /** Minimum number of free participants (`'all'` resolved to the participant count). */
  required: number;
  roomIds: readonly string[];
  roomFree: readonly RangeSet[];
  roomRequired: boolean;
  maxResults: number;
}

export interface SweepOutput {
  slots: Slot[];
  truncated: boolean;
  participantFreeCounts: number[];
  roomFreeCounts: number[];
}

export function sweep(input: SweepInput): SweepOutput {
  const { candidates, durationMs, participantFree, roomFree, required, roomRequired, maxResults } = input;
  const p = participantFree.length;
  const r = roomFree.length;
  const pCursor = new Int32Array(p);
  const rCursor = new Int32Array(r);
  const pCount = new Array<number>(p).fill(0);
  const rCount = new Array<number>(r).fill(0);
  const free = new Uint8Array(p);
  const slots: Slot[] = [];
  let truncated = false;

  for (let c = 0; c < candidates.length; c++) {
    const t = candidates[c]!;
    const end = t + durationMs;
    let freeCount = 0;
    for (let i = 0; i < p; i++) {
      const set = participantFree[i]!;
      let k = pCursor[i]!;
      while (k < set.length && set[k + 1]! < end) k += 2;
      pCursor[i] = k;
      const ok = k < set.length && set[k]! <= t;
      free[i] = ok ? 1 : 0;
      if (ok) {
        freeCount++;
        pCount[i]!++;
      }
    }
    let room = -1;
    for (let i = 0; i < r; i++) {
      const set = roomFree[i]!;
      let k = rCursor[i]!;
      while (k < set.length && set[k + 1]! < end) k += 2;
      rCursor[i] = k;
      if (k < set.length && set[k]! <= t) {
        rCount[i]!++;
        if (room < 0) room = i;
      }
    }
    if (freeCount < required || (roomRequired && room < 0)) continue;
    if (slots.length >= maxResults) {
      truncated = true;
      continue;
    }
    const ids: string[] = [];
    for (let i = 0; i < p; i++) if (free[i] === 1) ids.push(input.participantIds[i]!);
    const slot: Slot = { start: formatInstant(t), end: formatInstant(end), participantIds: ids };
    if (roomRequired) slot.roomId = input.roomIds[room]!;
    slots.push(slot);
  }
  return { slots, truncated, participantFreeCounts: pCount, roomFreeCounts: rCount };
}
