/**
 * DOM-free logic of `<dv-connections-overview>`'s table: the spec's filter values (§10: connected individual,
 * connected centrally managed, connection failed, not connected — plus "all"), their counts from the server, sorting
 * by name or status, merging pages, and finding rows whose status changed between two reads (for
 * `dv-status-change`). Pure functions over the wire rows; tested without a browser page.
 *
 * Invariants: inputs are never mutated (sorted and merged copies); names sort with `Intl.Collator` of the
 * element's language, case- and accent-insensitive, ties broken by e-mail so the order is stable.
 */
import type { ConnectionRow, ConnectionStatus } from '../../../client/connection-checks.js';
import type { ConnectionList } from '../../../shared/api/users.js';
import { STATUS_RANK } from '../../connection-status/internal/status.js';

/** "" is "all"; `syncing` rows appear under "all" only, as the spec's filter has no such value. */
export const FILTERS = ['', 'connected_individual', 'connected_central', 'failed', 'not_connected'] as const;
export type Filter = (typeof FILTERS)[number];

export const asFilter = (value: string): Filter => FILTERS.find((f) => f === value) ?? '';

export const countOf = (counts: ConnectionList['counts'] | undefined, filter: Filter): number | undefined =>
  counts ? counts[filter || 'all'] : undefined;

export type SortKey = 'name' | 'status';
export type SortDir = 'ascending' | 'descending';
export interface Sort {
  key: SortKey;
  dir: SortDir;
}

/** Clicking the sorted column flips it; another column starts ascending. */
export function nextSort(current: Sort, key: SortKey): Sort {
  return current.key === key ? { key, dir: current.dir === 'ascending' ? 'descending' : 'ascending' } : { key, dir: 'ascending' };
}

export function sortRows(rows: readonly ConnectionRow[], sort: Sort, locale: string): ConnectionRow[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const byName = (a: ConnectionRow, b: ConnectionRow) => collator.compare(a.name, b.name) || collator.compare(a.email, b.email);
  const sign = sort.dir === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) =>
    sort.key === 'name' ? sign * byName(a, b) : sign * (STATUS_RANK[a.status] - STATUS_RANK[b.status]) || byName(a, b),
  );
}

/** Appends a further page, dropping rows already shown (a row can move between pages while an admin pages). */
export function mergePage(rows: readonly ConnectionRow[], page: readonly ConnectionRow[]): ConnectionRow[] {
  const seen = new Set(rows.map((r) => r.userId));
  return [...rows, ...page.filter((r) => !seen.has(r.userId))];
}

export interface RowChange {
  userId: string;
  name: string;
  status: ConnectionStatus;
  previous: ConnectionStatus;
}

/** Rows present in both reads whose status differs. */
export function changedRows(before: ReadonlyMap<string, ConnectionStatus>, rows: readonly ConnectionRow[]): RowChange[] {
  const out: RowChange[] = [];
  for (const r of rows) {
    const previous = before.get(r.userId);
    if (previous && previous !== r.status) out.push({ userId: r.userId, name: r.name, status: r.status, previous });
  }
  return out;
}

/** Which per-user actions an admin gets, given the organisation's service account. */
export function rowActions(row: ConnectionRow, central: boolean): { central: boolean; disconnect: boolean } {
  return {
    // Plus with a working service account: anyone not yet managed centrally (including individually connected users
    // after an upgrade to Plus, spec §20) can be connected centrally.
    central: central && row.integrationActive && row.status !== 'connected_central' && row.status !== 'syncing',
    disconnect: row.status === 'connected_individual' || row.status === 'connected_central' || row.status === 'failed',
  };
}
