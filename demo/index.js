// Points the career-page link at the seeded booking link.
const response = await fetch('/api/demo');
if (response.ok) {
  const info = await response.json();
  if (info.bookingToken) {
    const query = `?booking=${encodeURIComponent(info.bookingToken)}`;
    document.getElementById('career-link').href = `/career.html${query}`;
    for (const link of document.querySelectorAll('a.with-booking')) link.href = link.pathname + query;
  }
}
