/**
 * The overview's own `dv-load` event (its detail is the admin listing, not one connection). The other events —
 * `dv-status-change`, `dv-connect`, `dv-disconnect`, `dv-error` — are the connection elements' shared classes from
 * `../connection-status/events.ts`, so a host handles them the same way for both elements.
 */
import type { ConnectionList } from '../../shared/api/users.js';

export interface DvConnectionsLoadDetail {
  list: ConnectionList;
}
/** `<dv-connections-overview>` read the list for the first time. */
export class DvConnectionsLoadEvent extends CustomEvent<DvConnectionsLoadDetail> {
  constructor(detail: DvConnectionsLoadDetail) {
    super('dv-load', { bubbles: true, composed: true, detail });
  }
}
