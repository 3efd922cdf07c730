import { createPublicKey, randomBytes, verify as osslVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ed25519, ed25519_FROST } from '@noble/curves/ed25519.js';
import { schnorr, schnorr_FROST, secp256k1_FROST } from '@noble/curves/secp256k1.js';
import { SigilError, encodeList, fromHex, utf8, type Core } from '../src/core/index.ts';
import {
  FROST_SUITES, OneTimePool, encodeSignerList, frostAggregate, frostCommit, frostDkg, frostGroupKey, frostKeyInfo,
  frostRefresh, frostSign, runLocal, type FrostSuite, type PartyId,
} from '../src/protocol/index.ts';
import { BACKENDS, coreOf } from './helpers.ts';

/** Run a DKG among parties 1..n and return each party's key package. */
async function dkg(core: Core, suite: FrostSuite, t: number, n: number): Promise<Map<PartyId, Uint8Array>> {
  const parties = Array.from({ length: n }, (_, i) => i + 1);
  const sessionId = randomBytes(16);
  const params = new Map(parties.map((me) => [me, { suite, sessionId, me, t, parties }] as const));
  return (await runLocal(core, frostDkg, params)).outputs;
}

/** Sign `message` with `signers`; returns the signature and the key it verifies under. */
async function signWith(core: Core, suite: FrostSuite, keys: Map<PartyId, Uint8Array>, signers: PartyId[], message: Uint8Array, tweak?: Uint8Array) {
  const nonces = new Map<PartyId, Uint8Array>();
  const commitments = new Map<PartyId, Uint8Array>();
  for (const id of signers) {
    const c = await frostCommit(core, suite, keys.get(id)!);
    nonces.set(id, c.nonces);
    commitments.set(id, c.commitments);
  }
  const pkg = { message, commitments, ...(tweak ? { tweak } : {}) };
  const shares = new Map<PartyId, Uint8Array>();
  for (const id of signers) shares.set(id, (await frostSign(core, suite, keys.get(id)!, nonces.get(id)!, pkg)).share);
  const { publicPackage } = await frostKeyInfo(core, suite, keys.get(signers[0]!)!);
  const signature = await frostAggregate(core, suite, publicPackage, pkg, shares);
  return { signature, groupKey: await frostGroupKey(core, suite, publicPackage, tweak), pkg, shares, publicPackage };
}

function randomSigners(n: number, t: number): PartyId[] {
  const ids = Array.from({ length: n }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
  return ids.slice(0, t).sort((a, b) => a - b);
}

/** Verify with implementations we did not write. */
function verifyIndependently(suite: FrostSuite, sig: Uint8Array, msg: Uint8Array, key: Uint8Array): void {
  if (suite === 'ed25519') {
    const spki = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(key).toString('base64url') }, format: 'jwk' });
    expect(osslVerify(null, msg, spki, sig)).toBe(true);
    expect(ed25519.verify(sig, msg, key)).toBe(true);
    expect(ed25519_FROST.verify(sig, msg, key)).toBe(true);
  } else if (suite === 'secp256k1') {
    expect(secp256k1_FROST.verify(sig, msg, key)).toBe(true);
  } else {
    expect(schnorr.verify(sig, msg, key)).toBe(true);
    expect(schnorr_FROST.verify(sig, msg, key)).toBe(true);
  }
}

describe.each(BACKENDS)('FROST (%s core)', (backend) => {
  describe.each(FROST_SUITES)('%s', (suite) => {
    it.each([[2, 3], [3, 5]])('DKG %i-of-%i, then random signer subsets sign; OpenSSL/noble verify', async (t, n) => {
      const core = await coreOf(backend);
      const keys = await dkg(core, suite, t, n);
      const infos = await Promise.all([...keys.values()].map((k) => frostKeyInfo(core, suite, k)));
      expect(new Set(infos.map((i) => Buffer.from(i.groupKey).toString('hex'))).size).toBe(1);
      for (let round = 0; round < 2; round++) {
        const msg = randomBytes(32);
        const { signature, groupKey } = await signWith(core, suite, keys, randomSigners(n, t + round), msg);
        verifyIndependently(suite, signature, msg, groupKey);
      }
    });
  });

  it('a bad share is blamed on its sender', async () => {
    const core = await coreOf(backend);
    const keys = await dkg(core, 'ed25519', 2, 3);
    const { pkg, shares, publicPackage } = await signWith(core, 'ed25519', keys, [1, 3], utf8('m'));
    const bad = new Map(shares);
    const z = bad.get(3)!.slice();
    z[0] = z[0]! ^ 1;
    bad.set(3, z);
    await expect(frostAggregate(core, 'ed25519', publicPackage, pkg, bad)).rejects.toMatchObject({ code: 'SIGIL_E_ABORTED', culprits: [3] });
  });
});

describe('FROST at scale and over time', () => {
  it('7-of-10 DKG and signing (secp256k1 Taproot, with a BIP-341 tweak)', async () => {
    const core = await coreOf('native');
    const keys = await dkg(core, 'secp256k1-tr', 7, 10);
    const msg = randomBytes(32);
    const { signature, groupKey } = await signWith(core, 'secp256k1-tr', keys, randomSigners(10, 7), msg, new Uint8Array(0));
    expect(schnorr.verify(signature, msg, groupKey)).toBe(true);
  });

  it('refresh keeps the group key; old shares stop working', async () => {
    const core = await coreOf('native');
    const suite = 'ed25519';
    const keys = await dkg(core, suite, 2, 3);
    const sessionId = randomBytes(16);
    const refreshed = (await runLocal(core, frostRefresh, new Map([...keys].map(([id, keyPackage]) => [id, { suite, sessionId, keyPackage }] as const)))).outputs;
    const before = await frostKeyInfo(core, suite, keys.get(1)!);
    const after = await frostKeyInfo(core, suite, refreshed.get(1)!);
    expect(after.groupKey).toEqual(before.groupKey);
    expect(after.verifyingShare).not.toEqual(before.verifyingShare);
    const msg = utf8('after refresh');
    verifyIndependently(suite, (await signWith(core, suite, refreshed, [2, 3], msg)).signature, msg, after.groupKey);
    const mixed = new Map([[1, keys.get(1)!], [2, refreshed.get(2)!]]);
    await expect(signWith(core, suite, mixed, [1, 2], msg)).rejects.toMatchObject({ code: 'SIGIL_E_ABORTED' });
  });

  it('a tampered DKG bundle aborts and names its sender', async () => {
    const core = await coreOf('native');
    const parties = [1, 2, 3];
    const sessionId = randomBytes(16);
    const params = new Map(parties.map((me) => [me, { suite: 'ed25519' as const, sessionId, me, t: 2, parties }] as const));
    const run = runLocal(core, frostDkg, params, {
      intercept: (m) => {
        if (m.from === 2 && m.round === 2) m.bundle = m.bundle.map((b, i) => (i === m.bundle.length - 3 ? b ^ 1 : b));
        return m;
      },
    });
    await expect(run).rejects.toMatchObject({ culprits: [2] });
  });
});

describe('FROST rejects bad input', () => {
  const suite = 'ed25519';

  async function setup() {
    const core = await coreOf('native');
    const keys = await dkg(core, suite, 2, 3);
    const c1 = await frostCommit(core, suite, keys.get(1)!);
    const c2 = await frostCommit(core, suite, keys.get(2)!);
    return { core, keys, c1, c2 };
  }

  async function codeOf(p: Promise<unknown>): Promise<string> {
    try {
      await p;
    } catch (err) {
      expect(err).toBeInstanceOf(SigilError);
      return (err as SigilError).code;
    }
    throw new Error('expected a rejection');
  }

  it('identity and non-canonical commitments, unknown and duplicate signers', async () => {
    const { core, keys, c1, c2 } = await setup();
    const msg = utf8('m');
    const identity = fromHex(`01${'00'.repeat(31)}`);
    const nonCanonical = fromHex(`ee${'ff'.repeat(30)}7f`);
    const sign = (commitments: Map<PartyId, Uint8Array>) => frostSign(core, suite, keys.get(1)!, c1.nonces, { message: msg, commitments });
    expect(await codeOf(sign(new Map([[1, c1.commitments], [2, Uint8Array.from([...identity, ...c2.commitments.subarray(32)])]])))).toBe('SIGIL_E_IDENTITY_POINT');
    expect(await codeOf(sign(new Map([[1, c1.commitments], [2, Uint8Array.from([...nonCanonical, ...c2.commitments.subarray(32)])]])))).toMatch(/NON_CANONICAL|INVALID_POINT/);
    expect(await codeOf(sign(new Map([[1, c1.commitments], [9, c2.commitments]])))).toBe('SIGIL_E_UNKNOWN_PARTY');
    expect(await codeOf(sign(new Map([[1, c1.commitments], [2, c2.commitments.subarray(1)]])))).toBe('SIGIL_E_INVALID_LENGTH');
    const item = (id: number, c: Uint8Array) => Uint8Array.from([id, 0, ...c]);
    const dup = encodeList([item(1, c1.commitments), item(2, c2.commitments), item(2, c2.commitments)]);
    expect(await codeOf(core.run('frost.sign', [utf8(suite), keys.get(1)!, c1.nonces, msg, dup]))).toBe('SIGIL_E_DUPLICATE_PARTY');
  });

  it('wrong-length shares and unknown suites', async () => {
    const { core, keys, c1, c2 } = await setup();
    const commitments = new Map([[1, c1.commitments], [2, c2.commitments]]);
    const { publicPackage } = await frostKeyInfo(core, suite, keys.get(1)!);
    const shares = new Map([[1, new Uint8Array(31)], [2, new Uint8Array(32)]]);
    expect(await codeOf(frostAggregate(core, suite, publicPackage, { message: utf8('m'), commitments }, shares))).toBe('SIGIL_E_INVALID_LENGTH');
    expect(await codeOf(core.run('frost.commit', [utf8('p256'), keys.get(1)!]))).toBe('SIGIL_E_INVALID_ARGUMENT');
    expect(await codeOf(core.run('frost.commit', [utf8('secp256k1'), keys.get(1)!]))).toBe('SIGIL_E_INVALID_ARGUMENT');
    expect(await codeOf(core.run('frost.commit', [utf8(suite), keys.get(1)!.subarray(0, 20)]))).toBe('SIGIL_E_MALFORMED');
    expect(encodeSignerList(new Map([[2, new Uint8Array([9])], [1, new Uint8Array([8])]]))).toEqual(encodeList([Uint8Array.of(1, 0, 8), Uint8Array.of(2, 0, 9)]));
  });

  it('a nonce is used once: the pool fails closed on reuse', async () => {
    const { core, keys, c1, c2 } = await setup();
    const pool = new OneTimePool();
    const commitments = new Map([[1, c1.commitments], [2, c2.commitments]]);
    const first = await frostSign(core, suite, keys.get(1)!, c1.nonces, { message: utf8('a'), commitments });
    pool.put(first.nonceId, c1.nonces);
    pool.take(first.nonceId);
    expect(() => pool.take(first.nonceId)).toThrow(expect.objectContaining({ code: 'SIGIL_E_NONCE_REUSED' }));
    expect(() => pool.put(first.nonceId, c1.nonces)).toThrow(expect.objectContaining({ code: 'SIGIL_E_NONCE_REUSED' }));
  });
});
