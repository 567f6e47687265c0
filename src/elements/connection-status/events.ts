/**
 * Typed events of the connection elements (`<dv-connection-status>`, `<dv-connections-overview>`). Like every dv-*
 * event they bubble and are composed; only `dv-connect` is cancelable, so a host can take over the navigation to the
 * provider's consent page (a single-page app's router, a new tab). Details are wire data (ids, statuses), never
 * element internals. `dv-load` and `dv-error` reuse the shared names with their own detail types, so they are not
 * added to `GlobalEventHandlersEventMap` (that map already types them for the slot picker).
 */
import type { ConnectionView } from '../../shared/api/connections.js';
import type { ConnectionStatus } from '../../client/connection-checks.js';

const init = <T>(detail: T, cancelable = false): CustomEventInit<T> => ({ bubbles: true, composed: true, cancelable, detail });

export interface DvStatusChangeDetail {
  userId: string;
  status: ConnectionStatus;
  previous: ConnectionStatus;
}
/** A user's connection status changed (live update, poll, or an action here); not sent for the first load. */
export class DvStatusChangeEvent extends CustomEvent<DvStatusChangeDetail> {
  constructor(detail: DvStatusChangeDetail) {
    super('dv-status-change', init(detail));
  }
}

export type ConnectKind = 'individual' | 'central' | 'service-account';

export interface DvConnectDetail {
  /** The user connected; null for the service account. */
  userId: string | null;
  kind: ConnectKind;
  /** The provider's consent page the element is about to open; null for a central connect (no page to open). */
  url: string | null;
}
/**
 * A connect started. With a `url`, cancel it (`preventDefault()`) to open the consent page yourself; the element
 * then does not navigate.
 */
export class DvConnectEvent extends CustomEvent<DvConnectDetail> {
  constructor(detail: DvConnectDetail) {
    super('dv-connect', init(detail, detail.url !== null));
  }
}

export interface DvDisconnectDetail {
  /** The user disconnected; null for the service account. */
  userId: string | null;
  kind: 'individual' | 'service-account';
}
/** A connection (or the service account) was disconnected after the user confirmed it. */
export class DvDisconnectEvent extends CustomEvent<DvDisconnectDetail> {
  constructor(detail: DvDisconnectDetail) {
    super('dv-disconnect', init(detail));
  }
}

export interface DvConnectionLoadDetail {
  connection: ConnectionView;
}
/** `<dv-connection-status>` read the connection for the first time. */
export class DvConnectionLoadEvent extends CustomEvent<DvConnectionLoadDetail> {
  constructor(detail: DvConnectionLoadDetail) {
    super('dv-load', init(detail));
  }
}

export const CONNECTION_OPERATIONS = [
  'load',
  'connect',
  'disconnect',
  'central-connect',
  'service-account',
  'service-account-connect',
  'service-account-disconnect',
  'load-rooms',
] as const;
export type ConnectionOperation = (typeof CONNECTION_OPERATIONS)[number];

export interface DvConnectionErrorDetail {
  operation: ConnectionOperation;
  /** HTTP status; 0 when no answer came. */
  status: number;
  /** Wire code (`plus_required`, `conflict`, …), `network_error` or `no_user`. */
  code: string;
  message: string;
  userId: string | null;
}
/** A request failed; the element shows its own message, this is for the host's logging. */
export class DvConnectionErrorEvent extends CustomEvent<DvConnectionErrorDetail> {
  constructor(detail: DvConnectionErrorDetail) {
    super('dv-error', init(detail));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dv-connect': DvConnectEvent;
    'dv-disconnect': DvDisconnectEvent;
  }
}
