/**
 * Journey 2 of issue 9 (spec §8, §13, §18): an admin on Plus connects the service account through the simulator's
 * Enterprise Connect consent page, connects another user's calendar centrally, loads the rooms of the directory,
 * and sees the overview's counts change — in <dv-connections-overview> on the demo admin page, in Chromium against
 * the real server, store and Cronofy simulator. Its own file: it needs a fresh demo in which Rita is not connected.
 * Screenshots: test-results/journey-2-*.png (desktop and 360 px).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator } from 'playwright-core';
import { startHarness, type Harness } from './harness.js';
import { EMAIL, asUser, eventually, openAdmin, shots } from './journey-support.js';

interface ConnectionList {
  counts: Record<string, number>;
  items: Array<{ userId: string; status: string }>;
}

describe('journey 2: an admin manages calendars centrally', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  /** The count a filter value shows, read from the radio's visible text. */
  async function count(overview: Locator, label: string): Promise<number> {
    const option = overview.getByRole('radio', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')}`) });
    const text = (await option.locator('xpath=..').textContent()) ?? '';
    const match = /(\d+)\s*$/.exec(text.trim());
    assert.ok(match, `a count next to ${label}: "${text}"`);
    return Number(match[1]);
  }

  test('2: service account through the consent page, Rita connected centrally, rooms loaded, counts change', async () => {
    // The directory the service account will see: two rooms of the company's domain.
    await h.sim('POST', '/resources', { email: 'room.elbe@muster.example', name: 'Elbe', domain: 'muster.example', capacity: 8 });
    await h.sim('POST', '/resources', { email: 'room.oder@muster.example', name: 'Oder', domain: 'muster.example', capacity: 4 });

    const page = await openAdmin(h, 'anna');
    const overview = page.locator('#overview');
    const area = page.locator('section[aria-labelledby="overview-h"]');
    await overview.getByRole('row', { name: /Rita Recruiter/ }).waitFor({ timeout: 15_000 });
    assert.equal(await count(overview, 'Connected (individual)'), 3);
    assert.equal(await count(overview, 'Connected (centrally managed)'), 0);
    assert.equal(await count(overview, 'Not connected'), 1);
    await shots(page, 'journey-2-before', area);

    // Connect the service account: the element explains, then the simulator's Enterprise Connect page.
    await overview.getByRole('button', { name: 'Connect service account' }).click();
    const dialog = overview.getByRole('dialog', { name: 'Connect a service account' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.waitForURL(/\/sim\/app\/enterprise_connect\/oauth\/authorize/);
    await page.getByRole('heading', { name: 'Connect your organization’s calendars' }).waitFor();
    await page.getByRole('radio', { name: 'A new service account' }).check();
    await page.getByLabel('Administrator e-mail').fill('calendar-admin@muster.example');
    await page.getByLabel(/Directory domain/).fill('muster.example');
    await page.getByLabel('Calendar system').selectOption('office365');
    await shots(page, 'journey-2-consent');
    await page.getByRole('button', { name: 'Allow' }).click();

    await page.waitForURL(/\/admin\.html/);
    const back = page.locator('#overview');
    await back.getByText('The service account is connected.').first().waitFor({ timeout: 15_000 });
    await back.getByText('calendar-admin@muster.example').first().waitFor();
    await back.getByText('Service Account:').first().waitFor();
    const sa = await asUser<{ email?: string; status?: string }>(h, 'anna', 'GET', '/api/service-account');
    assert.equal(sa.status, 200, JSON.stringify(sa.body));
    assert.match(JSON.stringify(sa.body), /calendar-admin@muster\.example/);
    await shots(page, 'journey-2-service-account', page.locator('section[aria-labelledby="overview-h"]'));

    // Rita has no calendar: connect it centrally from her row.
    const rita = back.getByRole('row', { name: /Rita Recruiter/ });
    await rita.getByRole('button', { name: 'Connect centrally' }).click();
    await rita.getByText('Connected (centrally managed)').waitFor({ timeout: 20_000 });
    await eventually('the counts to follow', async () =>
      (await count(back, 'Connected (centrally managed)')) === 1 && (await count(back, 'Not connected')) === 0,
    );
    assert.equal(await count(back, 'Connected (individual)'), 3);
    const list = await asUser<ConnectionList>(h, 'anna', 'GET', '/api/connections');
    assert.equal(list.body.items.find((i) => i.userId === 'rita')?.status, 'connected_central');
    // The simulator now has Rita's calendar, authorized through the service account.
    const accounts = (await h.sim<{ accounts: Array<{ email: string; authorized_via?: string }> }>('GET', '/accounts')).accounts;
    assert.ok(accounts.some((a) => a.email === EMAIL.rita), 'Rita’s calendar exists at the provider');

    // Load rooms from the directory.
    await back.getByRole('button', { name: 'Load rooms' }).click();
    await back.getByRole('paragraph').filter({ hasText: /2 rooms found in the calendar system; \d+ rooms in total\./ }).waitFor({ timeout: 20_000 });
    const rooms = await asUser<{ items?: Array<{ email: string }>; rooms?: Array<{ email: string }> }>(h, 'anna', 'GET', '/api/rooms');
    const emails = (rooms.body.items ?? rooms.body.rooms ?? []).map((r) => r.email);
    for (const email of ['room.elbe@muster.example', 'room.oder@muster.example']) assert.ok(emails.includes(email), `${email} loaded: ${emails.join(', ')}`);
    await shots(page, 'journey-2-after', page.locator('section[aria-labelledby="overview-h"]'));
    await page.context().close();
  });
});
