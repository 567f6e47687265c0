import { engineBenchmarkQuery } from './engine.js';
import { SlotQuerySchema } from '../src/shared/slot-query.js';
import { computeSlots } from '../src/engine/index.js';
const q = SlotQuerySchema.parse(engineBenchmarkQuery((process.argv[2] ?? 'standard') as 'standard'));
const t0 = performance.now(); let n = 0;
while (performance.now() - t0 < 4000) { computeSlots(q); n++; }
console.log('avg ms', (4000 / n).toFixed(3));
