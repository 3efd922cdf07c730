import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { CURVES, SigilError, bytesToBig, curve, fromHex, shamir, toHex, u16le, type Core, type CurveName } from '../src/core/index.ts';
import { BACKENDS, coreOf, expectCode } from './helpers.ts';

const SECP_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const ED_L = (1n << 252n) + 27742317777372353535851937790883648493n;

const le = (bytes: Uint8Array): bigint => bytesToBig(Uint8Array.from(bytes).reverse());
const le32 = (n: bigint): Uint8Array => Uint8Array.from(Buffer.from(n.toString(16).padStart(64, '0'), 'hex')).reverse();
const be32 = (n: bigint): Uint8Array => fromHex(n.toString(16).padStart(64, '0'));

/** Scalar encoding value, as the curve defines it. */
const scalarValue = (c: CurveName, s: Uint8Array): bigint => (c === 'secp256k1' ? bytesToBig(s) : le(s));
const encodeScalar = (c: CurveName, n: bigint): Uint8Array => (c === 'secp256k1' ? be32(n) : le32(n));
const order = (c: CurveName): bigint => (c === 'secp256k1' ? SECP_N : ED_L);

/** The generator times `s`, computed by noble. */
function nobleBaseMul(c: CurveName, s: bigint): Uint8Array {
  return c === 'secp256k1' ? secp256k1.Point.BASE.multiply(s).toBytes(true) : ed25519.Point.BASE.multiply(s).toBytes();
}

// Ed25519 points of small order (orders 1, 2, 4, 8), as listed in the
// "Taming the many EdDSAs" paper (Chalkias et al., 2020) and libsodium's blocklist.
const ED_SMALL_ORDER = [
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000000',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
];

function expectOneOf(fn: () => unknown, codes: readonly string[]): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SigilError);
    expect(codes).toContain((err as SigilError).code);
    return;
  }
  throw new Error(`expected one of ${codes.join(', ')}`);
}

describe.each(BACKENDS)('curves (%s)', (name) => {
  describe.each(CURVES)('%s', (c) => {
    it('base multiplication agrees with @noble/curves', async () => {
      const core = await coreOf(name);
      for (let i = 0; i < 8; i++) {
        const s = curve.scalarRandom(core, c);
        const v = scalarValue(c, s);
        expect(v > 0n && v < order(c)).toBe(true);
        expect(toHex(curve.pointBaseMul(core, c, s))).toBe(toHex(nobleBaseMul(c, v)));
      }
    });

    it('scalar and point arithmetic is consistent', async () => {
      const core = await coreOf(name);
      const a = curve.scalarRandom(core, c);
      const b = curve.scalarRandom(core, c);
      const [va, vb, n] = [scalarValue(c, a), scalarValue(c, b), order(c)];
      expect(scalarValue(c, curve.scalarAdd(core, c, a, b))).toBe((va + vb) % n);
      expect(scalarValue(c, curve.scalarSub(core, c, a, b))).toBe((((va - vb) % n) + n) % n);
      expect(scalarValue(c, curve.scalarMul(core, c, a, b))).toBe((va * vb) % n);
      expect(scalarValue(c, curve.scalarNeg(core, c, a))).toBe(n - va);
      const inv = curve.scalarInvert(core, c, a);
      expect((scalarValue(c, inv) * va) % n).toBe(1n);
      // (a+b)·G = a·G + b·G ; b·(a·G) = (ab)·G
      const aG = curve.pointBaseMul(core, c, a);
      const bG = curve.pointBaseMul(core, c, b);
      expect(curve.pointAdd(core, c, aG, bG)).toEqual(curve.pointBaseMul(core, c, curve.scalarAdd(core, c, a, b)));
      expect(curve.pointMul(core, c, aG, b)).toEqual(curve.pointBaseMul(core, c, curve.scalarMul(core, c, a, b)));
      expect(curve.pointValidate(core, c, aG)).toEqual(aG);
    });

    it('rejects bad scalars', async () => {
      const core = await coreOf(name);
      expectCode(() => curve.scalarAdd(core, c, new Uint8Array(31), new Uint8Array(32)), 'SIGIL_E_INVALID_LENGTH');
      expectCode(() => curve.scalarAdd(core, c, encodeScalar(c, order(c)), new Uint8Array(32)), 'SIGIL_E_INVALID_SCALAR');
      expectCode(() => curve.scalarAdd(core, c, new Uint8Array(32).fill(0xff), new Uint8Array(32)), 'SIGIL_E_INVALID_SCALAR');
      expectCode(() => curve.scalarInvert(core, c, new Uint8Array(32)), 'SIGIL_E_NOT_INVERTIBLE');
      expectCode(() => curve.pointBaseMul(core, c, new Uint8Array(32)), 'SIGIL_E_IDENTITY_POINT');
    });

    it('rejects bad point encodings', async () => {
      const core = await coreOf(name);
      const P = curve.pointBaseMul(core, c, curve.scalarRandom(core, c));
      expectCode(() => curve.pointValidate(core, c, P.subarray(1)), 'SIGIL_E_INVALID_LENGTH');
      expectCode(() => curve.pointValidate(core, c, new Uint8Array(0)), 'SIGIL_E_INVALID_LENGTH');
      const negP = curve.pointMul(core, c, P, encodeScalar(c, order(c) - 1n));
      expectCode(() => curve.pointAdd(core, c, P, negP), 'SIGIL_E_IDENTITY_POINT');
    });

    it('hash_to_scalar is domain-separated and deterministic', async () => {
      const core = await coreOf(name);
      const m = new TextEncoder().encode('message');
      const h1 = curve.hashToScalar(core, c, 'test-a', m);
      expect(curve.hashToScalar(core, c, 'test-a', m)).toEqual(h1);
      expect(curve.hashToScalar(core, c, 'test-b', m)).not.toEqual(h1);
      expect(scalarValue(c, h1) < order(c)).toBe(true);
    });

    it('unknown curve names are rejected', async () => {
      const core = await coreOf(name);
      expectCode(() => curve.scalarRandom(core, 'p256' as CurveName), 'SIGIL_E_INVALID_ARGUMENT');
    });
  });

  it('secp256k1: off-curve, non-canonical and wrongly prefixed points are rejected', async () => {
    const core = await coreOf(name);
    let x = 1n;
    // Find an x with no curve point (x³ + 7 not a square mod p); noble agrees it is invalid.
    for (;; x++) {
      try {
        secp256k1.Point.fromBytes(Uint8Array.from([2, ...be32(x)]));
      } catch {
        break;
      }
    }
    expectCode(() => curve.pointValidate(core, 'secp256k1', Uint8Array.from([2, ...be32(x)])), 'SIGIL_E_INVALID_POINT');
    const P = curve.pointBaseMul(core, 'secp256k1', curve.scalarRandom(core, 'secp256k1'));
    expectOneOf(() => curve.pointValidate(core, 'secp256k1', Uint8Array.from([5, ...P.subarray(1)])), ['SIGIL_E_INVALID_POINT', 'SIGIL_E_NON_CANONICAL']);
    expectOneOf(() => curve.pointValidate(core, 'secp256k1', Uint8Array.from([2, ...new Uint8Array(32).fill(0xff)])), ['SIGIL_E_INVALID_POINT', 'SIGIL_E_NON_CANONICAL']);
    expectOneOf(() => curve.pointValidate(core, 'secp256k1', new Uint8Array(33)), ['SIGIL_E_IDENTITY_POINT', 'SIGIL_E_INVALID_POINT', 'SIGIL_E_NON_CANONICAL']);
  });

  it('ed25519: small-order, torsioned and non-canonical points are rejected', async () => {
    const core = await coreOf(name);
    expectCode(() => curve.pointValidate(core, 'ed25519', fromHex('01'.padEnd(64, '0'))), 'SIGIL_E_IDENTITY_POINT');
    for (const hex of ED_SMALL_ORDER) {
      expectOneOf(() => curve.pointValidate(core, 'ed25519', fromHex(hex)), ['SIGIL_E_SMALL_ORDER_POINT', 'SIGIL_E_NON_CANONICAL']);
    }
    const torsion = ed25519.Point.fromHex(ED_SMALL_ORDER[2]!);
    const torsioned = ed25519.Point.BASE.multiply(12345n).add(torsion).toBytes();
    expectCode(() => curve.pointValidate(core, 'ed25519', torsioned), 'SIGIL_E_SMALL_ORDER_POINT');
    // y = p + 1 encodes the identity non-canonically; y = p + 2 encodes y = 2 non-canonically.
    expectOneOf(() => curve.pointValidate(core, 'ed25519', fromHex(`ee${'ff'.repeat(30)}7f`)), ['SIGIL_E_NON_CANONICAL', 'SIGIL_E_INVALID_POINT']);
    expectOneOf(() => curve.pointValidate(core, 'ed25519', fromHex(`ef${'ff'.repeat(30)}7f`)), ['SIGIL_E_NON_CANONICAL', 'SIGIL_E_INVALID_POINT']);
  });
});

describe.each(BACKENDS)('Shamir + Feldman (%s)', (name) => {
  describe.each(CURVES)('%s', (c) => {
    it('any t shares recover the secret and every share verifies', async () => {
      const core = await coreOf(name);
      const secret = curve.scalarRandom(core, c);
      const { commitments, shares } = shamir.split(core, c, secret, 3, 5);
      expect(commitments.length).toBe(3 * (c === 'secp256k1' ? 33 : 32));
      shares.forEach((s, i) => shamir.verifyShare(core, c, commitments, i + 1, s));
      expect(shamir.interpolate(core, c, [[1, shares[0]!], [3, shares[2]!], [5, shares[4]!]])).toEqual(secret);
      expect(shamir.interpolate(core, c, [[2, shares[1]!], [4, shares[3]!], [5, shares[4]!]])).toEqual(secret);
      expect(shamir.interpolate(core, c, [[1, shares[0]!], [2, shares[1]!]])).not.toEqual(secret);
      // The constant commitment is the public key of the secret.
      expect(commitments.subarray(0, c === 'secp256k1' ? 33 : 32)).toEqual(curve.pointBaseMul(core, c, secret));
    });

    it('a wrong share is blamed on its index', async () => {
      const core = await coreOf(name);
      const { commitments, shares } = shamir.split(core, c, curve.scalarRandom(core, c), 2, 3);
      expectCode(() => shamir.verifyShare(core, c, commitments, 2, shares[0]!), 'SIGIL_E_INVALID_SHARE', [2]);
    });

    it('rejects bad thresholds and party lists', async () => {
      const core = await coreOf(name);
      const s = curve.scalarRandom(core, c);
      expectCode(() => shamir.split(core, c, s, 4, 3), 'SIGIL_E_INVALID_THRESHOLD');
      expectCode(() => shamir.split(core, c, s, 0, 3), 'SIGIL_E_INVALID_THRESHOLD');
      const { shares } = shamir.split(core, c, s, 2, 3);
      expectCode(() => shamir.interpolate(core, c, [[1, shares[0]!], [1, shares[0]!]]), 'SIGIL_E_DUPLICATE_PARTY');
      expect(() => shamir.interpolate(core, c, [[0, shares[0]!], [1, shares[0]!]])).toThrow(SigilError);
      expectCode(() => core.call('shamir.verify_share', [new TextEncoder().encode(c), new Uint8Array(5), u16le(1), shares[0]!]), 'SIGIL_E_INVALID_LENGTH');
    });
  });
});

describe('native and wasm agree on curves', () => {
  it.each(CURVES)('%s', async (c) => {
    const n: Core = await coreOf('native');
    const w: Core = await coreOf('wasm');
    const s = curve.scalarRandom(n, c);
    expect(curve.pointBaseMul(w, c, s)).toEqual(curve.pointBaseMul(n, c, s));
    const m = new TextEncoder().encode('parity');
    expect(curve.hashToScalar(w, c, 'parity', m)).toEqual(curve.hashToScalar(n, c, 'parity', m));
  });
});
