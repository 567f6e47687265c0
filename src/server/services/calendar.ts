/**
 * The product's view of calendars, independent of Cronofy's wire format: busy intervals per user or room, and
 * the event the product writes into an organizer's calendar. `createCronofyGateway` implements it over the
 * Cronofy client (real Cronofy or the simulator); tests may pass any other implementation.
 *
 * A gateway throws `CalendarUnavailableError` when it cannot get fresh data after its retries, so callers show
 * a clear state instead of slots computed from missing data.
 */
export interface BusyInterval {
  start: string;
  end: string;
}

export interface CalendarAttendee {
  email: string;
  displayName: string;
}

export interface CalendarEvent {
  eventId: string;
  summary: string;
  description: string;
  start: string;
  end: string;
  timeZone: string;
  location: string | null;
  attendees: CalendarAttendee[];
  private: boolean;
  /** Attendees to take off the event: Cronofy's attendee lists are deltas, so leaving someone out removes nobody. */
  removedAttendees?: CalendarAttendee[];
  /**
   * E-mails on `attendees` that are already on the event and that this write must not invite again (the applicant
   * after a room-only change, which the spec says stays internal).
   */
  quietAttendees?: string[];
}

export type AttendeeStatus = 'needs_action' | 'accepted' | 'declined' | 'tentative' | 'unknown';

/** How current busy time must be: `fresh` reads the calendar now; `maxAgeMs` accepts a cached copy that young. */
export interface BusyReadOptions {
  fresh?: boolean;
  maxAgeMs?: number;
}

export interface CalendarGateway {
  /** Busy time of a connected user between two instants (cached; `fresh` bypasses the cache). */
  userBusy(orgId: string, userId: string, window: BusyInterval, options?: BusyReadOptions): Promise<BusyInterval[]>;
  /** Busy time of a room, when the room's calendar is reachable; null when the product has no access to it. */
  roomBusy(orgId: string, roomId: string, window: BusyInterval, options?: BusyReadOptions): Promise<BusyInterval[] | null>;
  /** Creates or updates (by `eventId`) the event in the organizer's calendar. Idempotent. */
  upsertEvent(orgId: string, organizerId: string, event: CalendarEvent): Promise<void>;
  /** Deletes the event from the organizer's calendar. Idempotent. */
  deleteEvent(orgId: string, organizerId: string, eventId: string): Promise<void>;
  /** Attendee replies read back from the organizer's calendar; null when the event is not found. */
  attendeeStatuses(orgId: string, organizerId: string, eventId: string, window: BusyInterval): Promise<Array<{ email: string; status: AttendeeStatus }> | null>;
  /**
   * The same for many events of one organizer in one read of the calendar (a push notification re-reads them all);
   * events not found are absent from the map. Optional: without it, callers ask `attendeeStatuses` per event.
   */
  attendeeStatusesOfEvents?(orgId: string, organizerId: string, window: BusyInterval): Promise<Map<string, Array<{ email: string; status: AttendeeStatus }>>>;
  /** Drops cached busy time of a user (after a push notification or a write). */
  invalidate(orgId: string, userId: string): Promise<void>;
}

export class CalendarUnavailableError extends Error {
  readonly code = 'calendar_unavailable';
  constructor(message: string, readonly userId?: string) {
    super(message);
    this.name = 'CalendarUnavailableError';
  }
}

export class NotConnectedError extends Error {
  readonly code = 'participants_not_connected';
  constructor(readonly userId: string) {
    super(`User ${userId} has no connected calendar.`);
    this.name = 'NotConnectedError';
  }
}
