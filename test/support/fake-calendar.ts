/**
 * A CalendarGateway for service tests: busy time per user or room from a map the test controls, writes recorded,
 * failures injectable. The Cronofy path itself is tested against the simulator elsewhere.
 */
import type { BusyInterval, CalendarEvent, CalendarGateway } from '../../src/server/services/calendar.js';
import { CalendarUnavailableError } from '../../src/server/services/calendar.js';

export class FakeCalendars implements CalendarGateway {
  readonly busy = new Map<string, BusyInterval[]>();
  readonly roomBusyMap = new Map<string, BusyInterval[]>();
  readonly written = new Map<string, CalendarEvent & { organizerId: string }>();
  readonly deleted: string[] = [];
  unavailable = false;
  failWrites = 0;
  reads = 0;

  async userBusy(_orgId: string, userId: string, window: BusyInterval): Promise<BusyInterval[]> {
    this.reads++;
    if (this.unavailable) throw new CalendarUnavailableError('calendar down', userId);
    return (this.busy.get(userId) ?? []).filter((b) => b.end > window.start && b.start < window.end);
  }
  async roomBusy(_orgId: string, roomId: string): Promise<BusyInterval[] | null> {
    return this.roomBusyMap.get(roomId) ?? null;
  }
  async upsertEvent(_orgId: string, organizerId: string, event: CalendarEvent): Promise<void> {
    if (this.failWrites > 0) {
      this.failWrites--;
      throw new CalendarUnavailableError('write failed');
    }
    this.written.set(event.eventId, { ...event, organizerId });
  }
  async deleteEvent(_orgId: string, _organizerId: string, eventId: string): Promise<void> {
    this.written.delete(eventId);
    this.deleted.push(eventId);
  }
  async attendeeStatuses() {
    return null;
  }
  async invalidate(): Promise<void> {}
}
