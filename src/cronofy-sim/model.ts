/**
 * Data model of the Cronofy simulator: simulated accounts (people, rooms, service accounts), their calendars,
 * events, channels, and the OAuth grants/tokens/codes issued for them. Everything is plain JSON-serialisable data so a
 * host can snapshot the simulator to disk and restore it after a restart (the product's stored tokens stay valid).
 * Invariants: every account has exactly one profile and at least one calendar, the first being its primary writable
 * calendar; e-mails are stored lower-case and are unique across accounts; times are epoch ms internally and rendered
 * in Cronofy's formats only at the HTTP edge.
 */
import { randomBytes } from 'node:crypto';

/** Simulated providers QA can pick: key → Cronofy's `provider_name`/`provider_service`. */
export const SIM_PROVIDERS = {
  google: { provider_name: 'google', provider_service: 'google', label: 'Google (gmail.com)' },
  gsuite: { provider_name: 'google', provider_service: 'gsuite', label: 'Google Workspace' },
  office365: { provider_name: 'exchange', provider_service: 'office365', label: 'Microsoft 365' },
  exchange: { provider_name: 'exchange', provider_service: 'exchange', label: 'Exchange (on-premises)' },
  apple: { provider_name: 'apple', provider_service: 'icloud', label: 'Apple iCloud' },
  outlook_com: { provider_name: 'live_connect', provider_service: 'outlook_com', label: 'Outlook.com' },
} as const;
export type SimProvider = keyof typeof SIM_PROVIDERS;

export function isSimProvider(value: unknown): value is SimProvider {
  return typeof value === 'string' && Object.hasOwn(SIM_PROVIDERS, value);
}

/** Provider key from a `provider_name` query parameter (`google`, `exchange`, `apple`, `live_connect`) or a key. */
export function providerFromName(name: string | undefined): SimProvider | undefined {
  if (!name) return undefined;
  if (isSimProvider(name)) return name;
  const hit = (Object.keys(SIM_PROVIDERS) as SimProvider[]).find((k) => SIM_PROVIDERS[k].provider_name === name);
  return hit;
}

export type SimAccountKind = 'account' | 'resource' | 'service_account';

export type SimCalendar = {
  calendar_id: string;
  calendar_name: string;
  calendar_readonly: boolean;
  calendar_primary: boolean;
  calendar_deleted: boolean;
};

export type SimAttendeeStatus = 'needs_action' | 'accepted' | 'declined' | 'tentative';
export const ATTENDEE_STATUSES: readonly SimAttendeeStatus[] = ['needs_action', 'accepted', 'declined', 'tentative'];

export type SimAttendee = { email: string; display_name?: string; status: SimAttendeeStatus };

/** A calendar entry as Cronofy stores it: `start`/`end` are `YYYY-MM-DD` (all-day) or whole-second UTC times. */
export type SimEvent = {
  calendar_id: string;
  event_uid: string;
  /** Set on events the application wrote (managed events). */
  event_id?: string;
  summary: string;
  description: string;
  start: string;
  end: string;
  tzid?: string;
  location?: { description: string; lat?: string; long?: string };
  url?: string;
  event_private: boolean;
  transparency: 'opaque' | 'transparent';
  status: 'confirmed' | 'tentative' | 'cancelled';
  participation_status: SimAttendeeStatus;
  attendees: SimAttendee[];
  organizer: { email: string; display_name?: string };
  deleted: boolean;
  created: number;
  updated: number;
  /** On an attendee's copy of an invitation: which managed event it mirrors. */
  origin?: { sub: string; event_id: string };
};

export type SimChannel = {
  channel_id: string;
  callback_url: string;
  filters: { calendar_ids?: string[]; only_managed?: boolean };
};

export type SimAccount = {
  sub: string;
  kind: SimAccountKind;
  email: string;
  name: string;
  zoneinfo: string;
  provider: SimProvider;
  profile_id: string;
  connected: boolean;
  calendars: SimCalendar[];
  events: SimEvent[];
  channels: SimChannel[];
  /** Service accounts and resources: the directory domain. */
  domain?: string;
  /** Resources: capacity and whether invitations are accepted at once (rooms usually auto-accept). */
  capacity?: number;
  auto_accept?: boolean;
  /** Accounts authorized through a service account (`ser_…`). */
  authorized_via?: string;
};

export type SimGrant = {
  grant_id: string;
  sub: string;
  scope: string;
  delegated_scope?: string;
  refresh_token: string;
  revoked: boolean;
  /** Granted through this service account (`ser_…`); revoking it revokes this grant. */
  via?: string;
};

export type SimAccessToken = { grant_id: string; expires_at: number };

export type SimCode = {
  sub: string;
  redirect_uri: string;
  scope: string;
  delegated_scope?: string;
  via?: string;
  expires_at: number;
  used: boolean;
};

export type SimData = {
  accounts: Record<string, SimAccount>;
  grants: Record<string, SimGrant>;
  access_tokens: Record<string, SimAccessToken>;
  refresh_tokens: Record<string, string>;
  codes: Record<string, SimCode>;
};

export function emptyData(): SimData {
  return { accounts: {}, grants: {}, access_tokens: {}, refresh_tokens: {}, codes: {} };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Random alphanumeric string (tokens and codes are 32 chars, like Cronofy's). */
export function randomToken(length = 32): string {
  const bytes = randomBytes(length);
  let s = '';
  for (let i = 0; i < length; i += 1) s += ALNUM[(bytes[i] ?? 0) % ALNUM.length];
  return s;
}
export function randomHex(length = 24): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}
