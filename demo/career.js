// The career page reads the booking token from its own URL (?booking=…), as d.vinci's e-mail link carries it,
// and hands it to the element. Language: ?lang=en switches to English.
const params = new URLSearchParams(location.search);
const picker = document.getElementById('picker');
picker.api = location.origin;
if (params.get('lang')) picker.lang = params.get('lang');
if (params.get('tz')) picker.timeZone = params.get('tz');
picker.booking = params.get('booking') ?? '';
