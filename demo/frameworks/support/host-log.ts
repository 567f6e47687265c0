/**
 * What the framework demo pages share: the page's query (`?booking=` for the first widget, `?booking2=` for the
 * second, `?lang=`, `?tz=`), the element's events the hosts listen to, and one line of text per event for the
 * host's own event log — the proof (for QA and the e2e suite) that the host framework received the event.
 * Lives in a subfolder so the build, which bundles every top-level `demo/frameworks/*.ts`, does not bundle it alone.
 */
import type { DvBookedEvent, DvDeclinedEvent, DvErrorEvent, DvLoadEvent, DvSelectEvent } from '../../../src/elements/events.js';

export const DV_EVENTS = ['dv-load', 'dv-select', 'dv-booked', 'dv-declined', 'dv-error'] as const;
export type DvEventType = (typeof DV_EVENTS)[number];

export interface HostQuery {
  first: string;
  second: string;
  lang: 'de' | 'en';
  timeZone: string;
}

export function readQuery(search = location.search): HostQuery {
  const q = new URLSearchParams(search);
  const first = q.get('booking') ?? '';
  return {
    first,
    second: q.get('booking2') || first,
    lang: q.get('lang') === 'de' ? 'de' : 'en',
    timeZone: q.get('tz') ?? '',
  };
}

/** One log line for an event: its type and the detail a host would act on. */
export function logLine(event: Event): string {
  switch (event.type) {
    case 'dv-load': {
      const { details, slots } = (event as DvLoadEvent).detail;
      return `dv-load ${details.status} ${slots.length} slots`;
    }
    case 'dv-select':
      return `dv-select ${(event as DvSelectEvent).detail.slot.start}`;
    case 'dv-booked': {
      const { appointment, rescheduled } = (event as DvBookedEvent).detail;
      return `dv-booked ${appointment.start}${appointment.roomName ? ` ${appointment.roomName}` : ''}${rescheduled ? ' moved' : ''}`;
    }
    case 'dv-declined':
      return `dv-declined ${(event as DvDeclinedEvent).detail.details.status}`;
    case 'dv-error': {
      const { operation, code } = (event as DvErrorEvent).detail;
      return `dv-error ${operation} ${code}`;
    }
    default:
      return event.type;
  }
}
