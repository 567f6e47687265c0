/**
 * Property tests: `computeSlots` agrees exactly (slots, truncation, diagnostics) with the minute-walking reference on
 * random queries drawn around DST transitions of zones with unusual offsets (see arbitraries.ts), and never mutates
 * its input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeSlots } from '../../src/engine/index.js';
import { SlotQuerySchema, SlotResultSchema } from '../../src/shared/slot-query.js';
import { queryArb } from './arbitraries.js';
import { referenceSlots } from './reference.js';

test('computeSlots equals the minute-by-minute reference on 600 random queries', () => {
  // Guard against a generator that drifts into trivial cases: the comparison must see real slots.
  const seen = { withSlots: 0, truncated: 0, someoneBusy: 0 };
  fc.assert(
    fc.property(queryArb, (input) => {
      const query = SlotQuerySchema.parse(input);
      const frozen = structuredClone(query);
      const actual = computeSlots(query);
      assert.deepStrictEqual(query, frozen, 'input was mutated');
      assert.deepStrictEqual(actual, referenceSlots(query));
      SlotResultSchema.parse(actual);
      if (actual.slots.length > 0) seen.withSlots++;
      if (actual.truncated) seen.truncated++;
      const { candidateCount, participants } = actual.diagnostics;
      if (participants.some((p) => p.freeCandidateCount > 0 && p.freeCandidateCount < candidateCount)) seen.someoneBusy++;
    }),
    { numRuns: 600 },
  );
  // Typical counts are ~190, ~25 and ~260; the bounds only catch a broken generator.
  assert.ok(seen.withSlots >= 80, `only ${seen.withSlots} queries had slots`);
  assert.ok(seen.truncated >= 5, `only ${seen.truncated} queries were truncated`);
  assert.ok(seen.someoneBusy >= 100, `only ${seen.someoneBusy} queries had partly free participants`);
});
