// Demo admin page: reads /api/demo (demo mode only) and the webhook log; builds rows with DOM APIs, no innerHTML.
const $ = (id) => document.getElementById(id);

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

async function load() {
  const info = await (await fetch('/api/demo')).json();
  $('users').replaceChildren(
    ...info.users.map((u) => {
      const tr = document.createElement('tr');
      tr.append(cell(u.name), cell(u.timeZone), cell(u.roles.join(', ') || '—'));
      return tr;
    }),
  );
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

$('refresh-hooks').addEventListener('click', loadHooks);
$('reset').addEventListener('click', async () => {
  $('reset').disabled = true;
  $('reset-status').textContent = 'Resetting…';
  const response = await fetch('/api/demo/reset', { method: 'POST' });
  $('reset-status').textContent = response.ok ? 'Demo data reset.' : 'Reset failed.';
  $('reset').disabled = false;
  await load();
});
await load();
