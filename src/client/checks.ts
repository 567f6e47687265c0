/**
 * Generic structural checks the admin clients need beyond `validate.ts`: wall times, calendar dates and plain
 * integers. Same rules as `validate.ts` (no zod in the browser; a check returns the value or throws
 * `ApiError('invalid_response')`), and the same formats as the contract's schemas in `src/shared/slot-query.ts`, so
 * a value these accept is one the server wrote.
 */
import { isValidDate } from '../shared/time.js';
import { fail, type Check } from './validate.js';

const WALL = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** `HH:mm` wall time; `24:00` is accepted because it is a valid end (midnight at the end of the day). */
export const wallTime: Check<string> = (v, p = '') => (typeof v === 'string' && WALL.test(v) ? v : fail(p, 'a wall time HH:mm'));

/** A real calendar date `YYYY-MM-DD`. */
export const localDate: Check<string> = (v, p = '') =>
  typeof v === 'string' && isValidDate(v) ? v : fail(p, 'a calendar date YYYY-MM-DD');

/** Any integer (the contract's `z.number().int()` without bounds). */
export const integer: Check<number> = (v, p = '') => (Number.isInteger(v) ? (v as number) : fail(p, 'an integer'));
