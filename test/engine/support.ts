/**
 * Fixture builders for the engine's table tests: every test builds its own query from a small base, parsed through
 * the real schema so defaults and validation apply exactly as on the server.
 */
import { SlotQuerySchema, type SlotQuery, type SlotQueryInput, type SlotResult } from '../../src/shared/slot-query.js';

type ParticipantInput = SlotQueryInput['participants'][number];

/** A UTC query for 2026-01-05 (a Monday), 08:00–17:00, 60-minute meetings on the hour, one participant free. */
export function query(overrides: Partial<SlotQueryInput> = {}): SlotQuery {
  return SlotQuerySchema.parse({
    now: '2026-01-01T00:00:00Z',
    window: { start: '2026-01-05T08:00:00Z', end: '2026-01-05T17:00:00Z' },
    timeZone: 'UTC',
    durationMinutes: 60,
    intervalMinutes: 60,
    participants: [participant('a')],
    ...overrides,
  } satisfies SlotQueryInput);
}

export function participant(id: string, rest: Partial<ParticipantInput> = {}): ParticipantInput {
  return { id, timeZone: 'UTC', ...rest };
}

/** `[start, end)` busy interval from two ISO instants. */
export function busy(start: string, end: string): { start: string; end: string } {
  return { start, end };
}

export function starts(result: SlotResult): string[] {
  return result.slots.map((s) => s.start);
}

/** Deep-freezes a value so that any mutation by the engine throws (ES modules run in strict mode). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
