/**
 * DOM-free logic of the connection elements: what each status looks like (tone and icon, so colour is never the only
 * signal), which words a failure reason gets, provider display names, the language of an element from its own
 * `lang` or the context's, the outcome a consent round trip appended to the URL, and ordering for the admin table.
 * Shared by `<dv-connection-status>` and `<dv-connections-overview>`; tested without a browser page.
 *
 * Invariants: every contract status has a tone and an icon (checked by the `Record` types); an unknown failure
 * reason falls back to a generic text, never to the raw code; outcome parsing accepts only the server's values.
 */
import { CONNECTION_STATUSES, type ConnectionStatus } from '../../../client/connection-checks.js';
import type { Lang } from '../../i18n/index.js';

export type Tone = 'ok' | 'danger' | 'neutral' | 'busy';
export type IconName = 'check' | 'check-central' | 'alert' | 'dash' | 'sync' | 'calendar';

export const STATUS_LOOK: Record<ConnectionStatus, { tone: Tone; icon: IconName }> = {
  connected_individual: { tone: 'ok', icon: 'check' },
  connected_central: { tone: 'ok', icon: 'check-central' },
  failed: { tone: 'danger', icon: 'alert' },
  not_connected: { tone: 'neutral', icon: 'dash' },
  syncing: { tone: 'busy', icon: 'sync' },
};

/** For reading a status out of a live event's untyped `data.status`. */
export const CONNECTION_STATUS_SET: ReadonlySet<string> = new Set(CONNECTION_STATUSES);

export const isConnected = (s: ConnectionStatus | undefined): boolean => s === 'connected_individual' || s === 'connected_central';

/** Which actions a status offers to its own user (connect flow through the provider's consent page). */
export function actionsFor(status: ConnectionStatus): { connect: boolean; reconnect: boolean; disconnect: boolean } {
  return {
    connect: status === 'not_connected',
    reconnect: status === 'failed',
    disconnect: status === 'failed' || isConnected(status),
  };
}

export const REASONS = ['profile_disconnected', 'revoked', 'central', 'unavailable', 'unknown'] as const;
export type Reason = (typeof REASONS)[number];

/**
 * The failure reasons the server stores (`failConnection`): `profile_disconnected` from a push notification,
 * an OAuth error (`invalid_grant`, `access_denied`, …) or `refresh_failed` when the token cannot be refreshed,
 * `central_authorization_failed:<key>` when the service account could not connect the user.
 */
export function reasonOf(reason: string | null | undefined): Reason {
  if (!reason) return 'unknown';
  if (reason === 'profile_disconnected') return 'profile_disconnected';
  if (reason.startsWith('central_authorization_failed')) return 'central';
  if (reason === 'calendar_unavailable' || reason === 'network_error') return 'unavailable';
  if (/^(invalid_grant|refresh_failed|access_denied|unauthorized_client|invalid_token|revoked)/.test(reason)) return 'revoked';
  return 'unknown';
}

/** Brand names are the same in every language; an unknown provider shows as the server sends it. */
const PROVIDER_NAMES: Record<string, string> = {
  google: 'Google',
  apple: 'Apple iCloud',
  office365: 'Microsoft Office 365',
  outlook_com: 'Outlook.com',
  exchange: 'Microsoft Exchange',
};

export const providerName = (provider: string | null | undefined): string | null =>
  provider ? (PROVIDER_NAMES[provider] ?? provider) : null;

/** The providers `authorize` accepts (the contract's `PROVIDERS`, kept here so no zod reaches the bundle). */
export const PROVIDERS = ['google', 'apple', 'office365', 'outlook_com', 'exchange'] as const;
export type ProviderName = (typeof PROVIDERS)[number];
export const asProvider = (value: string): ProviderName | undefined => PROVIDERS.find((p) => p === value);

/** The language of a tag such as `de`, `en-US` (one definition, in the i18n module). */
export { localeOf, type Locale as LocaleTag } from '../../i18n/index.js';

export type Outcome = 'connected' | 'denied' | 'failed';

/** What the server's connect callback appended (`?calendar=connected|denied|failed&reason=…`), if anything. */
export function readOutcome(search: string, key: 'calendar' | 'serviceAccount'): { outcome: Outcome; reason: string | null } | null {
  const params = new URLSearchParams(search);
  const value = params.get(key);
  if (value !== 'connected' && value !== 'denied' && value !== 'failed') return null;
  return { outcome: value, reason: params.get('reason') };
}

/** `search` without the outcome of `key` (and its `reason`), for `history.replaceState`, so a reload does not repeat it. */
export function withoutOutcome(search: string, key: 'calendar' | 'serviceAccount'): string {
  const params = new URLSearchParams(search);
  params.delete(key);
  params.delete('reason');
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * Reads the outcome of `key` from the page's address and removes it (with `replaceState`, so a reload or the back
 * button does not repeat it); null when the address carries none.
 */
export function takeOutcome(key: 'calendar' | 'serviceAccount'): { outcome: Outcome; reason: string | null } | null {
  const found = readOutcome(location.search, key);
  if (found) history.replaceState(history.state, '', `${location.pathname}${withoutOutcome(location.search, key)}${location.hash}`);
  return found;
}

/** Sort rank of a status in the admin table: problems first, then work in progress, then connected ones. */
export const STATUS_RANK: Record<ConnectionStatus, number> = {
  failed: 0,
  not_connected: 1,
  syncing: 2,
  connected_individual: 3,
  connected_central: 4,
};

/**
 * The next text for a polite live region: a repeat of the same sentence gets a trailing no-break space so it is a
 * DOM change and is read again; a different sentence is used as is.
 */
export function nextAnnouncement(previous: string, text: string): string {
  return text === previous.trim() ? `${text}\u00a0` : text;
}
