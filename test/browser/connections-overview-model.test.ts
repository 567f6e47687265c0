/**
 * The overview's DOM-free table logic: the spec's filter values and their counts, sorting by name (collation of the
 * element's language) and by status (problems first), merging pages without duplicates, status changes between two
 * reads, and which per-user actions an admin gets with or without a working service account.
 */
import { expect } from '@open-wc/testing';
import type { ConnectionRow } from '../../src/client/connection-checks.js';
import { FILTERS, asFilter, changedRows, countOf, mergePage, nextSort, rowActions, sortRows } from '../../src/elements/connections-overview/internal/table.js';

const row = (userId: string, name: string, status: ConnectionRow['status'], extra: Partial<ConnectionRow> = {}): ConnectionRow => ({
  userId,
  name,
  email: `${userId}@example.com`,
  integrationActive: true,
  status,
  provider: null,
  profileName: null,
  profileEmail: null,
  failedReason: null,
  failedSince: null,
  ...extra,
});

const ROWS = [
  row('z', 'Zoë', 'connected_central'),
  row('a', 'ängela', 'failed'),
  row('b', 'Bernd', 'not_connected'),
  row('o', 'Otto', 'syncing'),
  row('c', 'Anton', 'connected_individual'),
];

describe('connections overview table model', () => {
  it('has exactly the spec’s filter values plus "all", and reads their counts', () => {
    expect(FILTERS).to.deep.equal(['', 'connected_individual', 'connected_central', 'failed', 'not_connected']);
    expect(asFilter('failed')).to.equal('failed');
    expect(asFilter('syncing')).to.equal('');
    expect(asFilter('nonsense')).to.equal('');
    const counts = { all: 9, not_connected: 4, connected_individual: 2, connected_central: 1, failed: 1, syncing: 1 };
    expect(FILTERS.map((f) => countOf(counts, f))).to.deep.equal([9, 2, 1, 1, 4]);
    expect(countOf(undefined, 'failed')).to.equal(undefined);
  });

  it('sorts by name with the language’s collation (ä with a), both directions, without mutating the input', () => {
    const before = ROWS.map((r) => r.name);
    expect(sortRows(ROWS, { key: 'name', dir: 'ascending' }, 'de-DE').map((r) => r.name)).to.deep.equal(['ängela', 'Anton', 'Bernd', 'Otto', 'Zoë']);
    expect(sortRows(ROWS, { key: 'name', dir: 'descending' }, 'de-DE').map((r) => r.name)).to.deep.equal(['Zoë', 'Otto', 'Bernd', 'Anton', 'ängela']);
    expect(ROWS.map((r) => r.name)).to.deep.equal(before);
  });

  it('sorts by status, problems first, ties by name', () => {
    const rows = [...ROWS, row('d', 'Dana', 'failed')];
    expect(sortRows(rows, { key: 'status', dir: 'ascending' }, 'en-GB').map((r) => `${r.status}:${r.name}`)).to.deep.equal([
      'failed:ängela', 'failed:Dana', 'not_connected:Bernd', 'syncing:Otto', 'connected_individual:Anton', 'connected_central:Zoë',
    ]);
    expect(sortRows(rows, { key: 'status', dir: 'descending' }, 'en-GB')[0]!.status).to.equal('connected_central');
  });

  it('toggles sort direction on the same column and starts ascending on another', () => {
    expect(nextSort({ key: 'name', dir: 'ascending' }, 'name')).to.deep.equal({ key: 'name', dir: 'descending' });
    expect(nextSort({ key: 'name', dir: 'descending' }, 'name')).to.deep.equal({ key: 'name', dir: 'ascending' });
    expect(nextSort({ key: 'name', dir: 'descending' }, 'status')).to.deep.equal({ key: 'status', dir: 'ascending' });
  });

  it('merges a further page without duplicating rows that moved between pages', () => {
    const merged = mergePage(ROWS.slice(0, 2), [ROWS[1]!, ROWS[2]!]);
    expect(merged.map((r) => r.userId)).to.deep.equal(['z', 'a', 'b']);
  });

  it('reports only rows present before whose status differs', () => {
    const before = new Map([['z', 'connected_central'], ['a', 'connected_individual']] as const);
    expect(changedRows(before, ROWS)).to.deep.equal([{ userId: 'a', name: 'ängela', status: 'failed', previous: 'connected_individual' }]);
  });

  it('offers central connect only with a working service account, to users not yet managed centrally with integration on', () => {
    expect(rowActions(row('a', 'A', 'not_connected'), true)).to.deep.equal({ central: true, disconnect: false });
    expect(rowActions(row('a', 'A', 'failed'), true)).to.deep.equal({ central: true, disconnect: true });
    expect(rowActions(row('a', 'A', 'connected_individual'), true)).to.deep.equal({ central: true, disconnect: true });
    expect(rowActions(row('a', 'A', 'connected_central'), true)).to.deep.equal({ central: false, disconnect: true });
    expect(rowActions(row('a', 'A', 'syncing'), true)).to.deep.equal({ central: false, disconnect: false });
    expect(rowActions(row('a', 'A', 'not_connected', { integrationActive: false }), true)).to.deep.equal({ central: false, disconnect: false });
    expect(rowActions(row('a', 'A', 'failed'), false)).to.deep.equal({ central: false, disconnect: true });
  });
});
