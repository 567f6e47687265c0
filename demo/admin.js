// Demo admin and recruiter page. d.vinci would sign its user in and mint the host token itself; here a user
// switcher mints one through /api/demo/token (demo mode only) and hands it to <dv-calendar-context>, whose token
// provider re-mints when a token expires or is refused. Switching users rebuilds the elements from the template,
// so no element keeps the previous user's data. The chosen user lives in the address (?user=…), so a consent round
// trip (connect a calendar, connect the service account) comes back to the same user; ?request=<id> opens an
// existing self-booking request in <dv-booking-request>. No inline scripts or styles:
// the page runs under the same strict CSP as every demo page. Rows are built with DOM APIs, never innerHTML.
import '/dist/cdn/dv-calendar.js';

const $ = (id) => document.getElementById(id);
const context = $('context');
const switcher = $('user-switch');
let users = [];
let currentUser = null;

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

async function mint(userId) {
  const response = await fetch('/api/demo/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  if (!response.ok) throw new Error(`No token for ${userId} (${response.status}).`);
  return (await response.json()).token;
}

/** Local wall time of a datetime-local input → ISO instant; empty when the input is empty or invalid. */
function instant(input) {
  const ms = input.value ? new Date(input.value).getTime() : NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}

/** `YYYY-MM-DDTHH:mm` in the browser's zone, for a datetime-local input. */
function wallTime(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function wireRooms() {
  const start = $('room-start');
  const end = $('room-end');
  const rooms = $('rooms');
  if (!start || !rooms) return;
  const tomorrow = new Date();
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(10, 0, 0, 0);
  start.value = wallTime(tomorrow);
  end.value = wallTime(new Date(tomorrow.getTime() + 3600_000));
  const apply = () => {
    rooms.start = instant(start);
    rooms.end = instant(end);
  };
  start.addEventListener('change', apply);
  end.addEventListener('change', apply);
  apply();
}

function wireCheck() {
  const check = $('check');
  const name = $('check-applicant-name');
  const email = $('check-applicant-email');
  if (!check) return;
  // After an invitation, link each appointment: opened with ?appointment=… the element shows the replies.
  check.addEventListener('dv-invited', (e) => {
    const list = $('check-appointments');
    list.replaceChildren(
      ...e.detail.appointments.map((a) => {
        const li = document.createElement('li');
        const link = document.createElement('a');
        const target = new URL(location.href);
        target.searchParams.delete('request');
        target.searchParams.set('appointment', a.id);
        link.href = target.href;
        link.textContent = `Open the appointment for ${a.applicants.map((x) => x.name).join(', ')} (replies, move, cancel)`;
        li.append(link);
        return li;
      }),
    );
  });
  const apply = () => {
    check.applicants = name.value.trim() && email.value.trim() ? [{ name: name.value.trim(), email: email.value.trim() }] : [];
  };
  name.addEventListener('change', apply);
  email.addEventListener('change', apply);
  apply();
}

/** Builds the elements for `user` inside the context: only what the user's roles allow. */
async function switchTo(userId, { announce = true } = {}) {
  const user = users.find((u) => u.id === userId) ?? users[0];
  if (!user) return;
  currentUser = user;
  switcher.value = user.id;
  const url = new URL(location.href);
  if (url.searchParams.get('user') !== user.id) {
    url.searchParams.set('user', user.id);
    history.replaceState(null, '', url);
  }
  $('user-roles').textContent = user.roles.length ? `Roles: ${user.roles.join(', ')}` : 'No admin or recruiter role';

  const token = await mint(user.id);
  if (currentUser !== user) return; // switched again meanwhile
  context.tokenProvider = () => mint(user.id);
  context.token = token;

  const roles = new Set(user.roles);
  const allowed = { plus: true, admin: roles.has('admin'), recruiter: roles.has('recruiter'), staff: roles.has('admin') || roles.has('recruiter') };
  const fragment = $('workspace-template').content.cloneNode(true);
  for (const section of fragment.querySelectorAll('[data-needs]')) {
    if (!allowed[section.dataset.needs]) section.remove();
  }
  const missing = [];
  if (!allowed.admin) missing.push('the connections of all users (admins)');
  if (!allowed.recruiter) missing.push('availability checks and self-booking links (recruiters)');
  const note = fragment.querySelector('#role-note');
  if (missing.length) {
    note.textContent = `${user.name} does not see ${missing.join(' or ')}. Switch to another user to try them.`;
    note.hidden = false;
  }
  fragment.querySelector('#connection').setAttribute('user', user.id);
  fragment.querySelector('#badge').setAttribute('user', user.id);
  fragment.querySelector('#editor')?.setAttribute('user', user.id);
  // ?request=<id> shows an existing self-booking request (its state, failure reason, resend and cancel).
  const requestId = url.searchParams.get('request');
  if (requestId) fragment.querySelector('#request')?.setAttribute('request', requestId);
  // ?appointment=<id> opens an existing appointment in <dv-availability-check>: replies, move, cancel.
  const appointmentId = url.searchParams.get('appointment');
  if (appointmentId) fragment.querySelector('#check')?.setAttribute('appointment', appointmentId);
  $('workspace').replaceChildren(fragment);
  wireRooms();
  wireCheck();
  if (announce) $('user-status').textContent = `Acting as ${user.name}.`;
}

async function load() {
  const info = await (await fetch('/api/demo')).json();
  users = info.users;
  switcher.replaceChildren(
    ...users.map((u) => {
      const option = document.createElement('option');
      option.value = u.id;
      option.textContent = `${u.name} (${u.timeZone})`;
      return option;
    }),
  );
  switcher.disabled = false;
  const link = $('booking-link');
  if (info.bookingToken) {
    const a = document.createElement('a');
    a.href = `/career.html?booking=${encodeURIComponent(info.bookingToken)}`;
    a.textContent = 'Open the applicant booking page';
    link.replaceChildren(a);
    link.classList.remove('muted');
  } else link.textContent = 'No booking link.';
  await loadHooks();
}

async function loadHooks() {
  const { deliveries } = await (await fetch('/api/demo/webhooks')).json();
  $('hooks').replaceChildren(
    ...deliveries.reverse().map((d) => {
      const tr = document.createElement('tr');
      const code = document.createElement('code');
      code.textContent = JSON.stringify(d.payload.data);
      const data = document.createElement('td');
      data.append(code);
      tr.append(cell(new Date(d.receivedAt).toLocaleString()), cell(d.type), data);
      return tr;
    }),
  );
}

switcher.addEventListener('change', () => switchTo(switcher.value));
$('refresh-hooks').addEventListener('click', loadHooks);
$('reset').addEventListener('click', async () => {
  $('reset').disabled = true;
  $('reset-status').textContent = 'Resetting…';
  const response = await fetch('/api/demo/reset', { method: 'POST' });
  $('reset-status').textContent = response.ok ? 'Demo data reset.' : 'Reset failed.';
  $('reset').disabled = false;
  await load();
  // The reset created a new signing secret: the old token is void, so mint afresh and rebuild.
  await switchTo(currentUser?.id ?? 'anna', { announce: false });
});

await load();
await switchTo(new URL(location.href).searchParams.get('user') ?? 'anna', { announce: false });
