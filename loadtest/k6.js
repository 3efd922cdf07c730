// k6 load test for Sigil's HTTP API (k6 is not packaged for npm or Debian;
// run it where k6 is installed): SIGIL_URL=http://127.0.0.1:PORT k6 run loadtest/k6.js
// Creates a 2-of-3 key in setup(), then signs random 32-byte messages at a
// constant arrival rate; thresholds encode the targets (p99 < 50 ms, no errors).
import http from 'k6/http';
import { check } from 'k6';
import crypto from 'k6/crypto';

const BASE = __ENV.SIGIL_URL || 'http://127.0.0.1:8080';
const PROTOCOL = __ENV.SIGIL_PROTOCOL || 'frost-ed25519';
const RATE = Number(__ENV.SIGIL_RATE || 2000);

export const options = {
  scenarios: {
    sign: { executor: 'constant-arrival-rate', rate: RATE, timeUnit: '1s', duration: __ENV.SIGIL_DURATION || '30s', preAllocatedVUs: 128, maxVUs: 512 },
  },
  thresholds: {
    http_req_failed: ['rate==0'],
    http_req_duration: ['p(99)<50'],
  },
};

export function setup() {
  const res = http.post(`${BASE}/v1/keys`, JSON.stringify({ protocol: PROTOCOL, t: 2, n: 3, label: 'k6' }), { headers: { 'content-type': 'application/json' } });
  check(res, { 'key created': (r) => r.status === 201 });
  return { keyId: res.json('id') };
}

export default function (data) {
  const message = crypto.hexEncode(crypto.randomBytes(32));
  const res = http.post(`${BASE}/v1/keys/${data.keyId}/sign`, JSON.stringify({ message }), { headers: { 'content-type': 'application/json' } });
  check(res, { signed: (r) => r.status === 200 && r.json('signature').length === 128 });
}
