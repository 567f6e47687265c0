/**
 * The configuration a page gives all dv-calendar elements at once through `<dv-calendar-context>`: API base,
 * bearer tokens (static or from an async provider, shared so one expiry causes one refresh), language and time
 * zone. Every element also works standalone with its own attributes; an element's own attribute wins.
 */
import { createContext } from '@lit/context';
import type { TokenSource } from '../client/token-source.js';

export interface CalendarConfig {
  api: string;
  tokens: TokenSource | null;
  lang: string | null;
  timeZone: string | null;
  fetch: typeof fetch | undefined;
}

export const calendarContext = createContext<CalendarConfig | undefined>(Symbol.for('dv-calendar-context'));
