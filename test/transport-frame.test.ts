import { describe, expect, it } from 'vitest';
import { Packr } from 'msgpackr';
import { compressSync } from 'lz4-napi';
import { decodeFrame, encodeFrame, DEFAULT_FRAME_LIMITS, type WireEnvelope, type WireFrame } from '../src/transport/frame.ts';
import { ReplayWindow } from '../src/transport/replay.ts';
import { TRANSPORT_ERRORS } from '../src/transport/errors.ts';

const packr = new Packr({ useRecords: false });

function env(i: number, payloadBytes = 16): WireEnvelope {
  return {
    sessionId: new TextEncoder().encode(`session-${i % 3}`),
    round: i % 5,
    from: 1 + (i % 4),
    to: i % 2 === 0 ? 0xffff : 2,
    seq: 2 ** 40 + i,
    payload: new Uint8Array(payloadBytes).fill(i & 0xff),
    signature: new Uint8Array(64).fill(7),
  };
}

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

function rawFrame(value: unknown): WireFrame {
  const body: Uint8Array = packr.pack(value);
  return { body, compressed: false, rawLength: body.length };
}

const tuple = (e: WireEnvelope) => [e.sessionId, e.round, e.from, e.to, e.seq, e.payload, e.signature];

describe('frame roundtrip and compression', () => {
  it('roundtrips many envelopes of many sessions', () => {
    const envs = Array.from({ length: 50 }, (_, i) => env(i));
    const frame = encodeFrame(envs);
    const back = decodeFrame(frame);
    expect(back.length).toBe(50);
    back.forEach((b, i) => {
      const e = envs[i]!;
      expect(Buffer.from(b.sessionId).equals(Buffer.from(e.sessionId))).toBe(true);
      expect([b.round, b.from, b.to, b.seq]).toEqual([e.round, e.from, e.to, e.seq]);
      expect(Buffer.from(b.payload).equals(Buffer.from(e.payload))).toBe(true);
    });
  });

  it('compresses at the threshold and not below', () => {
    const small = encodeFrame([env(0, 10)]);
    expect(small.compressed).toBe(false);
    expect(small.body.length).toBe(small.rawLength);
    const big = encodeFrame(Array.from({ length: 40 }, (_, i) => env(i, 200)));
    expect(big.compressed).toBe(true);
    expect(big.body.length).toBeLessThan(big.rawLength);
    expect(decodeFrame(big).length).toBe(40);
    const limits = { ...DEFAULT_FRAME_LIMITS, compressThreshold: small.rawLength };
    expect(encodeFrame([env(0, 10)], limits).compressed).toBe(true);
    expect(encodeFrame([], limits).compressed).toBe(false);
  });

  it('roundtrips an empty frame', () => {
    expect(decodeFrame(encodeFrame([]))).toEqual([]);
  });
});

describe('frame limits', () => {
  const tight = { ...DEFAULT_FRAME_LIMITS, maxRawBytes: 2000, maxEnvelopes: 3 };

  it('rejects oversize frames when encoding and decoding', () => {
    expect(code(() => encodeFrame([env(0, 1900), env(1, 200)], tight))).toBe('SIGIL_E_FRAME_TOO_LARGE');
    const frame = encodeFrame([env(0, 1900), env(1, 200)]);
    expect(code(() => decodeFrame(frame, tight))).toBe('SIGIL_E_FRAME_TOO_LARGE');
  });

  it('checks the lz4 size prefix before decompressing (no bomb)', () => {
    const body = compressSync(Buffer.alloc(1 << 20));
    const frame = { body, compressed: true, rawLength: 1 << 20 };
    expect(code(() => decodeFrame(frame, tight))).toBe('SIGIL_E_FRAME_TOO_LARGE');
    const lying = { body, compressed: true, rawLength: 1000 };
    expect(code(() => decodeFrame(lying, tight))).toBe('SIGIL_E_FRAME_MALFORMED');
  });

  it('rejects too many envelopes', () => {
    const envs = [env(0), env(1), env(2), env(3)];
    expect(code(() => encodeFrame(envs, tight))).toBe('SIGIL_E_FRAME_TOO_MANY_ENVELOPES');
    expect(code(() => decodeFrame(encodeFrame(envs), tight))).toBe('SIGIL_E_FRAME_TOO_MANY_ENVELOPES');
  });

  it('rejects out-of-range fields on both sides', () => {
    const bad: Partial<WireEnvelope>[] = [
      { sessionId: new Uint8Array(0) },
      { sessionId: new Uint8Array(65) },
      { round: 0x10000 },
      { from: 0xffff },
      { to: -1 },
      { seq: 2 ** 53 },
      { seq: 1.5 },
      { signature: new Uint8Array(63) },
      { payload: new Uint8Array(DEFAULT_FRAME_LIMITS.maxPayloadBytes + 1) },
    ];
    for (const patch of bad) {
      const e = { ...env(0), ...patch };
      expect(code(() => encodeFrame([e])), JSON.stringify(Object.keys(patch))).toBe('SIGIL_E_ENVELOPE_INVALID');
      expect(code(() => decodeFrame(rawFrame([tuple(e)])))).toBe('SIGIL_E_ENVELOPE_INVALID');
    }
  });
});

describe('malformed frames', () => {
  it('rejects truncated and trailing msgpack without quoting data', () => {
    const frame = encodeFrame([env(0), env(1)]);
    for (const cut of [1, 5, frame.body.length - 1]) {
      const body = frame.body.subarray(0, cut);
      expect(code(() => decodeFrame({ body, compressed: false, rawLength: cut }))).toBe('SIGIL_E_FRAME_MALFORMED');
    }
    const trailing = Buffer.concat([frame.body, Buffer.from([0x01])]);
    try {
      decodeFrame({ body: trailing, compressed: false, rawLength: trailing.length });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toBe('frame body is not valid msgpack');
    }
  });

  it('rejects wrong shapes', () => {
    const e = tuple(env(0));
    const shapes: unknown[] = [
      { a: 1 },
      'text',
      42,
      [e.slice(0, 6)],
      [[...e, 1]],
      [{ sessionId: e[0] }],
      [[...e.slice(0, 5), 'payload', e[6]]],
      [['session', ...e.slice(1)]],
      [[e[0], '1', ...e.slice(2)]],
      [[e[0], 1, 1, 1, null, e[5], e[6]]],
      [[e[0], 1, 1, 1, 1.5, e[5], e[6]]],
    ];
    for (const s of shapes) expect(code(() => decodeFrame(rawFrame(s))), JSON.stringify(s)).toMatch(/^SIGIL_E_(FRAME_MALFORMED|ENVELOPE_INVALID)$/);
  });

  it('rejects inconsistent frame headers and bad lz4', () => {
    const frame = encodeFrame([env(0)]);
    expect(code(() => decodeFrame({ ...frame, rawLength: frame.rawLength + 1 }))).toBe('SIGIL_E_FRAME_MALFORMED');
    expect(code(() => decodeFrame({ ...frame, rawLength: -1 }))).toBe('SIGIL_E_FRAME_MALFORMED');
    const junk = Buffer.from([16, 0, 0, 0, 0xff, 0xff, 0xff]);
    expect(code(() => decodeFrame({ body: junk, compressed: true, rawLength: 16 }))).toBe('SIGIL_E_FRAME_MALFORMED');
    expect(code(() => decodeFrame({ body: junk.subarray(0, 3), compressed: true, rawLength: 16 }))).toBe('SIGIL_E_FRAME_MALFORMED');
  });
});

describe('replay window', () => {
  it('accepts increasing seqs and rejects replays and reorders per (session, sender)', () => {
    const w = new ReplayWindow();
    const s1 = new Uint8Array([1]);
    const s2 = new Uint8Array([2]);
    w.accept(s1, 1, 1);
    w.accept(s1, 1, 5);
    w.accept(s1, 2, 1);
    w.accept(s2, 1, 1);
    expect(code(() => w.accept(s1, 1, 5))).toBe('SIGIL_E_ENVELOPE_REPLAYED');
    expect(code(() => w.accept(s1, 1, 3))).toBe('SIGIL_E_ENVELOPE_REPLAYED');
    w.accept(s1, 1, 6);
    w.forget(s1);
    expect(w.size).toBe(1);
  });
});

describe('error registry', () => {
  it('documents every transport code', () => {
    for (const [name, spec] of Object.entries(TRANSPORT_ERRORS)) {
      expect(name).toMatch(/^SIGIL_E_[A-Z_]+$/);
      expect(spec.message.length).toBeGreaterThan(0);
    }
  });
});
