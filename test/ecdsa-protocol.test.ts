/**
 * Threshold ECDSA end to end through the TypeScript session runner: DKG,
 * presigning, online signing, GG18 mode, refresh and reshare. Every
 * signature is verified by OpenSSL (node:crypto) and @noble/curves; the
 * one-time rule is checked against the durable SQLite pool.
 */
import { createHash, createPublicKey, randomBytes, verify as osslVerify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { SigilError, toHex, type Core } from '../src/core/index.ts';
import {
  ecdsaCombine, ecdsaDealerSplit, ecdsaKeyInfo, ecdsaKeygen, ecdsaPaillierFromPrimes, ecdsaPresign, ecdsaPresigInfo, ecdsaRefresh, ecdsaReshare,
  ecdsaSign, ecdsaSignPartial, ecdsaVerify, runLocal, type PartyId,
} from '../src/protocol/index.ts';
import { openSqliteStore } from '../src/store/index.ts';
import { coreOf, safePrimes } from './helpers.ts';

/** Paillier keys on the cached safe primes (key i uses primes 2i, 2i + 1). */
async function paillierKeys(core: Core, count: number): Promise<Uint8Array[]> {
  const primes = safePrimes();
  const keys: Uint8Array[] = [];
  for (let i = 0; i < count; i++) keys.push(await ecdsaPaillierFromPrimes(core, primes[2 * i]!, primes[2 * i + 1]!));
  return keys;
}

const range = (n: number): PartyId[] => Array.from({ length: n }, (_, i) => i + 1);

async function dkg(core: Core, t: number, n: number, paillier: Uint8Array[]): Promise<Map<PartyId, Uint8Array>> {
  const parties = range(n);
  const sessionId = randomBytes(16);
  const params = new Map(parties.map((me) => [me, { sessionId, me, t, parties, paillier: paillier[me - 1]! }] as const));
  return (await runLocal(core, ecdsaKeygen, params)).outputs;
}

async function presign(core: Core, keys: ReadonlyMap<PartyId, Uint8Array>, signers: PartyId[]): Promise<Map<PartyId, Uint8Array>> {
  const sessionId = randomBytes(16);
  const params = new Map(signers.map((p) => [p, { sessionId, keyShare: keys.get(p)!, signers }] as const));
  return (await runLocal(core, ecdsaPresign, params)).outputs;
}

/** Online signing from presignatures: partials, then a checked combination. */
async function signOnline(core: Core, presigs: ReadonlyMap<PartyId, Uint8Array>, hash: Uint8Array) {
  const partials = new Map<PartyId, Uint8Array>();
  for (const [p, presig] of presigs) partials.set(p, (await ecdsaSignPartial(core, presig, hash)).sigma);
  const { publicPresig } = await ecdsaPresigInfo(core, [...presigs.values()][0]!);
  return ecdsaCombine(core, publicPresig, hash, partials);
}

function randomSigners(n: number, t: number): PartyId[] {
  return range(n).sort(() => Math.random() - 0.5).slice(0, t).sort((a, b) => a - b);
}

/** Verify with implementations we did not write: OpenSSL and noble (low-s, recovery). */
function verifyIndependently(message: Uint8Array, signature: Uint8Array, recoveryId: number, groupKey: Uint8Array): void {
  const point = secp256k1.Point.fromBytes(groupKey);
  const { x, y } = point.toAffine();
  const b64 = (v: bigint) => Buffer.from(v.toString(16).padStart(64, '0'), 'hex').toString('base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'secp256k1', x: b64(x), y: b64(y) }, format: 'jwk' });
  expect(osslVerify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
  const hash = createHash('sha256').update(message).digest();
  expect(secp256k1.verify(signature, hash, groupKey, { prehash: false, lowS: true })).toBe(true);
  const recovered = secp256k1.Signature.fromBytes(signature).addRecoveryBit(recoveryId).recoverPublicKey(hash);
  expect(toHex(recovered.toBytes(true))).toBe(toHex(groupKey));
}

describe('threshold ECDSA (native core)', () => {
  it.each([[2, 3], [3, 5]])('DKG %i-of-%i, presign with random signers, sign online; OpenSSL and noble verify', async (t, n) => {
    const core = await coreOf('native');
    const keys = await dkg(core, t, n, await paillierKeys(core, n));
    const infos = await Promise.all([...keys.values()].map((k) => ecdsaKeyInfo(core, k)));
    expect(new Set(infos.map((i) => toHex(i.groupKey))).size).toBe(1);
    expect(new Set(infos.map((i) => toHex(i.publicData))).size).toBe(1);
    for (let round = 0; round < 2; round++) {
      const message = randomBytes(100);
      const hash = createHash('sha256').update(message).digest();
      const presigs = await presign(core, keys, randomSigners(n, t));
      const { signature, recoveryId } = await signOnline(core, presigs, hash);
      verifyIndependently(message, signature, recoveryId, infos[0]!.groupKey);
      await ecdsaVerify(core, infos[0]!.groupKey, hash, signature);
    }
  }, 120_000);

  it('GG18 mode signs in one session; every signer returns the same verified signature', async () => {
    const core = await coreOf('native');
    const keys = await dkg(core, 2, 3, await paillierKeys(core, 3));
    const { groupKey } = await ecdsaKeyInfo(core, keys.get(1)!);
    const message = new TextEncoder().encode('withdraw 1 BTC to bc1q...');
    const hash = createHash('sha256').update(message).digest();
    const signers = [1, 3];
    const sessionId = randomBytes(16);
    const params = new Map(signers.map((p) => [p, { sessionId, keyShare: keys.get(p)!, signers, hash }] as const));
    const { outputs } = await runLocal(core, ecdsaSign, params);
    const [a, b] = [...outputs.values()];
    expect(toHex(a!)).toBe(toHex(b!));
    verifyIndependently(message, a!.subarray(0, 64), a![64]!, groupKey);
  }, 120_000);

  it('refresh keeps the key, new shares sign, and old shares do not mix with new ones', async () => {
    const core = await coreOf('native');
    const paillier = await paillierKeys(core, 6);
    const keys = await dkg(core, 2, 3, paillier.slice(0, 3));
    const { groupKey } = await ecdsaKeyInfo(core, keys.get(1)!);
    const sessionId = randomBytes(16);
    const params = new Map([...keys].map(([p, keyShare]) => [p, { sessionId, keyShare, paillier: paillier[p + 2]! }] as const));
    const fresh = (await runLocal(core, ecdsaRefresh, params)).outputs;
    expect(toHex((await ecdsaKeyInfo(core, fresh.get(2)!)).groupKey)).toBe(toHex(groupKey));
    const hash = randomBytes(32);
    const sig = await signOnline(core, await presign(core, fresh, [2, 3]), hash);
    await ecdsaVerify(core, groupKey, hash, sig.signature);
    // An old share with a new one: the parties disagree on keys and proofs, and the session aborts with blame.
    const mixed = new Map([[1, keys.get(1)!], [2, fresh.get(2)!]]);
    const err = await presign(core, mixed, [1, 2]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SigilError);
    expect((err as SigilError).culprits.length).toBeGreaterThan(0);
  }, 120_000);

  it('reshares a 2-of-3 key to 3-of-4 with new members; the group key stays and new shares sign', async () => {
    const core = await coreOf('native');
    const paillier = await paillierKeys(core, 7);
    const keys = await dkg(core, 2, 3, paillier.slice(0, 3));
    const { groupKey, publicData } = await ecdsaKeyInfo(core, keys.get(1)!);
    const dealers = [1, 3];
    const receivers = [2, 3, 4, 5];
    const sessionId = randomBytes(16);
    const everyone = [...new Set([...dealers, ...receivers])].sort();
    const params = new Map(everyone.map((me) => [me, {
      sessionId, me, t: 3, dealers, receivers, oldPublic: publicData,
      ...(dealers.includes(me) ? { oldKeyShare: keys.get(me)! } : {}),
      ...(receivers.includes(me) ? { paillier: paillier[me + 1]! } : {}),
    }] as const));
    const { outputs } = await runLocal(core, ecdsaReshare, params);
    expect(outputs.get(1)!.length).toBe(0);
    const next = new Map(receivers.map((p) => [p, outputs.get(p)!] as const));
    const info = await ecdsaKeyInfo(core, next.get(4)!);
    expect([toHex(info.groupKey), info.t, info.n]).toEqual([toHex(groupKey), 3, 4]);
    const message = randomBytes(64);
    const hash = createHash('sha256').update(message).digest();
    const sig = await signOnline(core, await presign(core, next, [2, 4, 5]), hash);
    verifyIndependently(message, sig.signature, sig.recoveryId, groupKey);
  }, 180_000);

  it('a presignature is used once: the durable pool refuses a second take', async () => {
    const core = await coreOf('native');
    const keys = await dkg(core, 2, 3, await paillierKeys(core, 3));
    const presigs = await presign(core, keys, [1, 2]);
    const dir = mkdtempSync(join(tmpdir(), 'sigil-presig-'));
    const store = openSqliteStore(join(dir, 'node.db'));
    try {
      const { id } = await ecdsaPresigInfo(core, presigs.get(1)!);
      await store.presignatures.add([{ id: toHex(id), keyId: 'key-1', blob: presigs.get(1)! }]);
      const taken = await store.presignatures.take(toHex(id));
      const { presigId } = await ecdsaSignPartial(core, taken.blob, randomBytes(32));
      expect(toHex(presigId)).toBe(toHex(id));
      await expect(store.presignatures.take(toHex(id))).rejects.toMatchObject({ code: 'SIGIL_E_NONCE_REUSED' });
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('replayed and reordered round bundles abort naming the sender', async () => {
    const core = await coreOf('native');
    const keys = await dkg(core, 2, 3, await paillierKeys(core, 3));
    const signers = [1, 2];
    const sessionId = randomBytes(16);
    const params = new Map(signers.map((p) => [p, { sessionId, keyShare: keys.get(p)!, signers }] as const));
    // Party 2's round-1 bundle delivered again as its round-2 bundle.
    let first: Uint8Array | undefined;
    const replay = runLocal(core, ecdsaPresign, params, {
      intercept: (m) => {
        if (m.from === 2 && m.round === 1) first = m.bundle;
        if (m.from === 2 && m.round === 2 && first) return { ...m, bundle: first };
        return m;
      },
    });
    await expect(replay).rejects.toMatchObject({ code: 'SIGIL_E_WRONG_ROUND', culprits: [2] });
  }, 120_000);

  it('bad inputs get typed errors', async () => {
    const core = await coreOf('native');
    const [key] = await paillierKeys(core, 1);
    const expectCode = async (p: Promise<unknown>, code: string) => expect(p).rejects.toMatchObject({ code });
    await expectCode(core.run('ecdsa.keygen_start', [randomBytes(8), Uint8Array.of(1, 0), Uint8Array.of(1, 0), Uint8Array.of(1, 0, 2, 0), key!]), 'SIGIL_E_INVALID_THRESHOLD');
    await expectCode(core.run('ecdsa.keygen_start', [randomBytes(8), Uint8Array.of(4, 0), Uint8Array.of(2, 0), Uint8Array.of(1, 0, 2, 0, 3, 0), key!]), 'SIGIL_E_UNKNOWN_PARTY');
    await expectCode(core.run('ecdsa.keygen_start', [randomBytes(8), Uint8Array.of(1, 0), Uint8Array.of(2, 0), Uint8Array.of(1, 0, 1, 0), key!]), 'SIGIL_E_DUPLICATE_PARTY');
    await expectCode(core.run('ecdsa.paillier_from_primes', [Uint8Array.of(7), Uint8Array.of(11)]), 'SIGIL_E_INVALID_MODULUS');
    await expectCode(core.run('ecdsa.presign_step', [Uint8Array.of(1, 1, 5), new Uint8Array(0)]), 'SIGIL_E_MALFORMED');
    await expectCode(core.run('ecdsa.sign_partial', [Uint8Array.of(9, 1, 7), randomBytes(32)]), 'SIGIL_E_UNSUPPORTED_VERSION');
    await expectCode(core.run('ecdsa.verify', [new Uint8Array(33), randomBytes(32), randomBytes(64)]), 'SIGIL_E_IDENTITY_POINT');
    await expectCode(core.run('ecdsa.verify', [secp256k1.Point.BASE.toBytes(true), randomBytes(31), randomBytes(64)]), 'SIGIL_E_INVALID_LENGTH');
    await expectCode(core.run('ecdsa.verify', [secp256k1.Point.BASE.toBytes(true), randomBytes(32), new Uint8Array(64).fill(1)]), 'SIGIL_E_SIGNATURE_INVALID');
  });
});

describe('threshold ECDSA (wasm core)', () => {
  it('a dealer-split key presigns and signs on the wasm core; OpenSSL and noble verify', async () => {
    const native = await coreOf('native');
    const wasm = await coreOf('wasm');
    // Paillier blobs are backend-independent; making them natively saves the safe-prime checks.
    const paillier = await paillierKeys(native, 3);
    const shares = await ecdsaDealerSplit(wasm, secp256k1.utils.randomSecretKey(), 2, paillier);
    const keys = new Map(shares.map((k, i) => [i + 1, k] as const));
    const { groupKey } = await ecdsaKeyInfo(wasm, keys.get(1)!);
    const message = randomBytes(80);
    const hash = createHash('sha256').update(message).digest();
    const presigs = await presign(wasm, keys, [1, 3]);
    const { signature, recoveryId } = await signOnline(wasm, presigs, hash);
    verifyIndependently(message, signature, recoveryId, groupKey);
    await ecdsaVerify(native, groupKey, hash, signature);
  }, 180_000);
});
