/**
 * The calendar gateway's read window: busy time is read (and cached) for at least the booking horizon and widened
 * to any window asked for; time Cronofy will not serve (beyond its read window) is reported unavailable, never
 * treated as free.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CalendarUnavailableError } from '../../src/server/services/calendar.js';
import { formatInstant } from '../../src/shared/time.js';
import type { Db } from '../../src/store/db.js';
import { createSimWorld } from '../support/sim-world.js';
import { createTestStore } from '../support/store.js';

const DAY = 86_400_000;

describe('calendar gateway read window', () => {
  let db: Db;
  before(async () => {
    db = await createTestStore('pglite');
  });
  after(async () => {
    await db.close();
  });

  test('busy time 60 days ahead is read, not assumed free', async () => {
    const world = await createSimWorld(db);
    const { sub } = await world.connectUser('anna');
    const start = formatInstant(Math.floor((world.clock.now() + 60 * DAY) / DAY) * DAY + 10 * 3_600_000);
    const end = formatInstant(Date.parse(start) + 3_600_000);
    world.sim.control.addEvent(sub, { start, end, summary: 'Far away' });
    const busy = await world.calendars.userBusy(world.orgId, 'anna', { start: formatInstant(Date.parse(start) - DAY), end: formatInstant(Date.parse(end) + DAY) }, { fresh: true });
    assert.deepEqual(busy.filter((b) => b.start === start), [{ start, end }]);
  });

  test('a window beyond Cronofy\'s 201-day read window is unavailable, not free', async () => {
    const world = await createSimWorld(db);
    await world.connectUser('anna');
    const start = formatInstant(world.clock.now() + 250 * DAY);
    await assert.rejects(
      world.calendars.userBusy(world.orgId, 'anna', { start, end: formatInstant(Date.parse(start) + DAY) }, { fresh: true }),
      CalendarUnavailableError,
    );
  });
});
