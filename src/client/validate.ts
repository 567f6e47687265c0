/**
 * Tiny structural checks that read the public-booking responses in the browser. They mirror the zod schemas of
 * `src/shared/api/public-booking.ts` (the contract) without shipping zod: zod 4 classic costs ~90 KB gzip in an
 * esbuild bundle, `zod/mini` ~6 KB, these checks a few hundred bytes. Each check is typed against the contract's
 * inferred type, so the compiler rejects a check that produces something the schema would not; the browser tests
 * run the same fixtures through both to keep them in agreement.
 *
 * A check returns the value (objects rebuilt with only the known keys) or throws `ApiError('invalid_response')`.
 */
import type {
  BookedAppointment,
  BookingDetails,
  Hold,
  PublicLocation,
  PublicSlot,
  SlotList,
} from '../shared/api/public-booking.js';
import { ApiError } from './api-error.js';

export type Check<T> = (v: unknown, path?: string) => T;

/** Throws the `invalid_response` error every check throws; also used by the admin clients' checks. */
export const fail = (path: string, what: string): never => {
  throw new ApiError(200, 'invalid_response', `Response field ${path || '(root)'} is not ${what}`);
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A body-less answer (204): nothing to read. */
export const empty: Check<void> = () => undefined;
export const str: Check<string> = (v, p = '') => (typeof v === 'string' ? v : fail(p, 'a string'));
export const bool: Check<boolean> = (v, p = '') => (typeof v === 'boolean' ? v : fail(p, 'a boolean'));
export const int =
  (min: number): Check<number> =>
  (v, p = '') =>
    Number.isInteger(v) && (v as number) >= min ? (v as number) : fail(p, `an integer >= ${min}`);
/** UTC instant with `Z`, as `z.iso.datetime({ offset: false })` accepts it. */
export const instant: Check<string> = (v, p = '') =>
  typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/.test(v) && !isNaN(Date.parse(v))
    ? v
    : fail(p, 'a UTC ISO instant');
export const oneOf =
  <const T extends string>(values: readonly T[]): Check<T> =>
  (v, p = '') =>
    values.includes(v as T) ? (v as T) : fail(p, `one of ${values.join('|')}`);
export const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (v, p) =>
    v === undefined ? undefined : check(v, p);
export const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (v, p) =>
    v === null ? null : check(v, p);
export const array =
  <T>(check: Check<T>): Check<T[]> =>
  (v, p = '') =>
    Array.isArray(v) ? v.map((x, i) => check(x, `${p}[${i}]`)) : fail(p, 'an array');
export const object =
  <S extends Record<string, Check<unknown>>>(shape: S): Check<{ [K in keyof S]: ReturnType<S[K]> }> =>
  (v, p = '') => {
    if (!isRecord(v)) return fail(p, 'an object');
    const out: Record<string, unknown> = {};
    for (const key in shape) {
      const value = shape[key]!(v[key], p ? `${p}.${key}` : key);
      if (value !== undefined) out[key] = value;
    }
    return out as { [K in keyof S]: ReturnType<S[K]> };
  };

export const location: Check<PublicLocation> = (v, p = '') => {
  const kind = oneOf(['onsite', 'online'])(isRecord(v) ? v['kind'] : undefined, `${p}.kind`);
  return kind === 'onsite'
    ? { kind, ...object({ name: str, address: optional(str) })(v, p) }
    : { kind, ...object({ name: optional(str) })(v, p) };
};

export const slot: Check<PublicSlot> = /* @__PURE__ */ object({ start: instant, end: instant });

export const appointment: Check<BookedAppointment> = /* @__PURE__ */ object({
  start: instant,
  end: instant,
  timeZone: str,
  roomName: optional(str),
  location: nullable(location),
});

export const bookingDetails: Check<BookingDetails> = /* @__PURE__ */ object({
  status: oneOf(['open', 'booked', 'declined', 'expired', 'cancelled', 'failed']),
  title: str,
  organizationName: str,
  durationMinutes: int(1),
  timeZone: str,
  location: nullable(location),
  interviewers: array(object({ displayName: str })),
  period: object({ start: instant, end: instant }),
  holdMinutes: int(0),
  allowReschedule: bool,
  locale: oneOf(['de', 'en']),
  appointment: nullable(appointment),
});

export const slotList: Check<SlotList> = /* @__PURE__ */ object({ timeZone: str, durationMinutes: int(1), slots: array(slot) });

export const hold: Check<Hold> = /* @__PURE__ */ object({ holdId: str, start: instant, end: instant, expiresAt: instant });

/** `details` of a 409 `slot_taken`; anything unreadable yields no alternatives rather than a second error. */
export function takenSlots(details: unknown): PublicSlot[] | undefined {
  try {
    return object({ slots: array(slot) })(details).slots;
  } catch {
    return undefined;
  }
}
