import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signCronofyHmac, verifyCronofyHmac } from '../../src/cronofy/hmac.js';

// Published vectors from ../shared/reference/cronofy-api.md §7.3, body `{"example":"well-known"}`.
const BODY = '{"example":"well-known"}';
const VECTORS = [
  { secret: 'CRN_NggYusqPGLxwjw5FHOJYOqSrTPNXy8WQf14OID', hmac: '5DxentQi5YSXODEzTVv06sRwJ3pULIz1KrYv20qxEK0=' },
  { secret: 'CRN_nGlYDFXwfSXgB9rvGNBJyfE454GGPtWIbNuPwr', hmac: 'BmQmWVuZ70ILWjr1CAt5oC7YOolgnku4WZtlrKfx/6k=' },
  { secret: 'pDY0Oi7TJSP2hfNmZNkm5', hmac: '6r2/HjBkqymGegX0wOfifieeUXbbHwtV/LohHS+jv6c=' },
  { secret: 'aPPwd-ASDFAsdfasdfasdfsadfasdfASDFSADF_asdfasdfasdf', hmac: '0g6bhIumRlRffctPXuASSl3u6AXOxnYRw+hiTp7IvTg=' },
];

test('signCronofyHmac reproduces every published test vector', () => {
  for (const v of VECTORS) assert.equal(signCronofyHmac(BODY, v.secret), v.hmac, v.secret);
});

test('verifyCronofyHmac accepts every published vector, as string and as bytes', () => {
  for (const v of VECTORS) {
    assert.equal(verifyCronofyHmac(BODY, v.hmac, [v.secret]), true, v.secret);
    assert.equal(verifyCronofyHmac(new TextEncoder().encode(BODY), v.hmac, [v.secret]), true, `${v.secret} (bytes)`);
  }
});

test('a header with one value per active secret matches when any value matches (rotation)', () => {
  const [a, b] = VECTORS;
  assert.ok(a && b);
  // Documented multi-secret header: comma-separated, possibly with spaces.
  const header = `${a.hmac}, ${b.hmac}`;
  assert.equal(verifyCronofyHmac(BODY, header, [a.secret]), true);
  assert.equal(verifyCronofyHmac(BODY, header, [b.secret]), true);
  assert.equal(verifyCronofyHmac(BODY, ` ${b.hmac} `, ['wrong', b.secret]), true, 'any configured secret may match');
});

test('tampered bodies, wrong secrets and malformed headers are rejected', () => {
  const [v] = VECTORS;
  assert.ok(v);
  assert.equal(verifyCronofyHmac('{"example":"well-known" }', v.hmac, [v.secret]), false, 'one extra space');
  assert.equal(verifyCronofyHmac('{"example":"well-knowN"}', v.hmac, [v.secret]), false, 'one changed letter');
  assert.equal(verifyCronofyHmac(BODY, v.hmac, ['another-secret']), false, 'wrong secret');
  assert.equal(verifyCronofyHmac(BODY, undefined, [v.secret]), false, 'missing header');
  assert.equal(verifyCronofyHmac(BODY, '', [v.secret]), false, 'empty header');
  assert.equal(verifyCronofyHmac(BODY, ' , ,', [v.secret]), false, 'only separators');
  assert.equal(verifyCronofyHmac(BODY, v.hmac.slice(0, -4), [v.secret]), false, 'truncated value');
  assert.equal(verifyCronofyHmac(BODY, `${v.hmac}AAAA`, [v.secret]), false, 'extended value');
  assert.equal(verifyCronofyHmac(BODY, v.hmac.replace('=', ''), [v.secret]), false, 'non-canonical base64');
  assert.equal(verifyCronofyHmac(BODY, v.hmac, []), false, 'no secrets configured');
  assert.equal(verifyCronofyHmac(BODY, v.hmac, ['']), false, 'empty secret ignored');
});

test('a signature round-trips for UTF-8 bodies', () => {
  const body = JSON.stringify({ notification: { type: 'change' }, name: 'Jürgen Öztürk ✓' });
  const sig = signCronofyHmac(body, 'secret');
  assert.equal(verifyCronofyHmac(body, sig, ['secret']), true);
  assert.equal(verifyCronofyHmac(Buffer.from(body, 'utf8'), sig, ['secret']), true);
  assert.equal(verifyCronofyHmac(Buffer.from(body, 'latin1'), sig, ['secret']), false, 'bytes, not re-encoded text, are signed');
});
