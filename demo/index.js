// Points the career-page link at the seeded booking link.
const response = await fetch('/api/demo');
if (response.ok) {
  const info = await response.json();
  if (info.bookingToken) document.getElementById('career-link').href = `/career.html?booking=${encodeURIComponent(info.bookingToken)}`;
}
