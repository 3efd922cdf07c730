import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { decodeControl, encodeControl, type Control } from '../src/cluster/index.ts';
import { expectCode } from './helpers.ts';

const raw = new Packr({ useRecords: false });

/** Deep copy with byte arrays as plain arrays (Buffer and Uint8Array compare equal). */
function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) return [...v];
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

describe('control messages', () => {
  it('round-trip every type', () => {
    const msgs: Control[] = [
      { type: 'hello', node: 2, identity: new Uint8Array(64).fill(7) },
      { type: 'directory', nodes: [{ node: 1, identity: new Uint8Array(64) }] },
      { type: 'start', session: 's1', protocol: 'frost.dkg', keyId: 'k1', parties: [1, 2, 3], params: { t: 2 } },
      { type: 'done', session: 's1', result: new Uint8Array([1, 2]) },
      { type: 'failed', session: 's1', code: 'SIGIL_E_PROOF_FAILED', message: 'bad', culprits: [3] },
      { type: 'abort', session: 's1', code: 'SIGIL_E_PEER_UNAVAILABLE' },
      { type: 'request', id: 9, op: 'sign', body: { n: 1 } },
      { type: 'reply', id: 9, ok: true, body: { x: 1 } },
    ];
    for (const m of msgs) {
      expect(plain(decodeControl(encodeControl(m)))).toEqual(plain(m));
    }
  });

  it('reject malformed msgpack, wrong shapes and unknown types', () => {
    expectCode(() => decodeControl(new Uint8Array([0xc1])), 'SIGIL_E_MALFORMED');
    expectCode(() => decodeControl(new Uint8Array([0x92, 0x01])), 'SIGIL_E_MALFORMED');
    expectCode(() => decodeControl(raw.pack([1, 2])), 'SIGIL_E_MALFORMED');
    expectCode(() => decodeControl(raw.pack({ type: 'nope' })), 'SIGIL_E_MALFORMED');
    expectCode(() => decodeControl(raw.pack({ type: 'hello', node: -1, identity: new Uint8Array(64) })), 'SIGIL_E_MALFORMED');
    expectCode(() => decodeControl(raw.pack({ type: 'hello', node: 1, identity: new Uint8Array(3) })), 'SIGIL_E_MALFORMED');
    expectCode(() => decodeControl(raw.pack({ type: 'start', session: 's', protocol: 'p', keyId: 'k', parties: [1, 70000], params: {} })), 'SIGIL_E_MALFORMED');
    expectCode(() => decodeControl(raw.pack({ type: 'reply', id: 1.5, ok: true })), 'SIGIL_E_MALFORMED');
    expectCode(() => decodeControl(raw.pack({ type: 'abort', session: 's1' })), 'SIGIL_E_MALFORMED');
  });
});
