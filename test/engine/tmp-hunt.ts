import assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeSlots } from '../../src/engine/index.js';
import { SlotQuerySchema } from '../../src/shared/slot-query.js';
import { queryArb } from './arbitraries.js';
import { referenceSlots } from './reference.js';
fc.assert(fc.property(queryArb, (input) => { const q = SlotQuerySchema.parse(input); assert.deepStrictEqual(computeSlots(q), referenceSlots(q)); }), { numRuns: Number(process.argv[2] ?? 20000) });
console.log('hunt ok');
