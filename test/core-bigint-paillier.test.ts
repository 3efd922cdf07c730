import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bigToBytes, bigint, bytesToBig, paillier, u32le } from '../src/core/index.ts';
import { BACKENDS, coreOf, expectCode, safePrimes } from './helpers.ts';

const big = (n: bigint): Uint8Array => bigToBytes(n);

function refModexp(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r % m;
}

describe.each(BACKENDS)('big integers (%s)', (name) => {
  it('modexp agrees with a BigInt reference, vartime and constant-time', async () => {
    const core = await coreOf(name);
    for (let i = 0; i < 5; i++) {
      const m = bytesToBig(randomBytes(96)) | 1n | (1n << 767n);
      const b = bytesToBig(randomBytes(100));
      const e = bytesToBig(randomBytes(64));
      const want = refModexp(b, e, m);
      expect(bytesToBig(bigint.modexpVartime(core, big(b), big(e), big(m)))).toBe(want);
      expect(bytesToBig(bigint.modexpCt(core, big(b), big(e), big(m)))).toBe(want);
    }
  });

  it('modexp handles edge exponents and moduli', async () => {
    const core = await coreOf(name);
    expect(bytesToBig(bigint.modexpVartime(core, big(5n), big(0n), big(7n)))).toBe(1n);
    expect(bytesToBig(bigint.modexpCt(core, big(5n), big(0n), big(7n)))).toBe(1n);
    expect(bytesToBig(bigint.modexpVartime(core, big(5n), big(3n), big(1n)))).toBe(0n);
    expect(bigint.modexpVartime(core, big(5n), big(3n), big(1n)).length).toBe(0);
  });

  it('rejects unusable moduli', async () => {
    const core = await coreOf(name);
    expectCode(() => bigint.modexpVartime(core, big(2n), big(3n), big(0n)), 'SIGIL_E_INVALID_MODULUS');
    expectCode(() => bigint.modexpCt(core, big(2n), big(3n), big(10n)), 'SIGIL_E_INVALID_MODULUS');
    expectCode(() => bigint.modexpCt(core, big(2n), big(3n), big(1n)), 'SIGIL_E_INVALID_MODULUS');
  });

  it('modinv, gcd and their failures', async () => {
    const core = await coreOf(name);
    const m = (1n << 127n) - 1n;
    const a = 123456789123456789n;
    const inv = bytesToBig(bigint.modinv(core, big(a), big(m)));
    expect((a * inv) % m).toBe(1n);
    expect(bytesToBig(bigint.gcd(core, big(84n), big(36n)))).toBe(12n);
    expectCode(() => bigint.modinv(core, big(6n), big(9n)), 'SIGIL_E_NOT_INVERTIBLE');
    expectCode(() => bigint.modinv(core, big(0n), big(9n)), 'SIGIL_E_NOT_INVERTIBLE');
  });

  it('random_below stays below its bound and rejects zero', async () => {
    const core = await coreOf(name);
    const bound = 1000n;
    const seen = new Set<bigint>();
    for (let i = 0; i < 200; i++) {
      const r = bytesToBig(bigint.randomBelow(core, big(bound)));
      expect(r < bound).toBe(true);
      seen.add(r);
    }
    expect(seen.size).toBeGreaterThan(100);
    expect(() => bigint.randomBelow(core, big(0n))).toThrow();
  });

  it('Miller–Rabin separates primes from composites and Carmichael numbers', async () => {
    const core = await coreOf(name);
    for (const p of [2n, 3n, 65537n, (1n << 127n) - 1n, (1n << 521n) - 1n]) expect(bigint.isProbablePrime(core, big(p))).toBe(true);
    for (const c of [0n, 1n, 4n, 561n, 41041n, 825265n, 321197185n, ((1n << 127n) - 1n) * 65537n]) {
      expect(bigint.isProbablePrime(core, big(c))).toBe(false);
    }
    for (const p of safePrimes().slice(0, 2)) expect(bigint.isProbablePrime(core, p)).toBe(true);
  });

  it('safe primes are safe, exact in size and ≡ 3 mod 4', async () => {
    const core = await coreOf(name);
    const p = bytesToBig(bigint.safePrime(core, 128));
    expect(p.toString(2).length).toBe(128);
    expect(p % 4n).toBe(3n);
    expect(bigint.isProbablePrime(core, big(p))).toBe(true);
    expect(bigint.isProbablePrime(core, big((p - 1n) / 2n))).toBe(true);
    expectCode(() => core.call('bigint.safe_prime', [u32le(8)]), 'SIGIL_E_INVALID_ARGUMENT');
    expectCode(() => core.call('bigint.safe_prime', [new Uint8Array([1])]), 'SIGIL_E_INVALID_LENGTH');
  });

  it('missing arguments are typed errors', async () => {
    const core = await coreOf(name);
    expectCode(() => core.call('bigint.modexp_vartime', [big(1n)]), 'SIGIL_E_INVALID_ARGUMENT');
  });
});

describe.each(BACKENDS)('Paillier (%s)', (name) => {
  const [p, q, p2] = safePrimes();

  it('encrypts, decrypts and adds homomorphically', async () => {
    const core = await coreOf(name);
    const { publicKey, secretKey } = paillier.keygenFromPrimes(core, p!, q!);
    expect(bytesToBig(publicKey)).toBe(bytesToBig(p!) * bytesToBig(q!));
    expect(paillier.publicKey(core, secretKey)).toEqual(publicKey);
    const a = 123456789n;
    const b = 987654321987654321n;
    const ca = paillier.encrypt(core, publicKey, big(a));
    const cb = paillier.encrypt(core, publicKey, big(b));
    expect(paillier.encrypt(core, publicKey, big(a))).not.toEqual(ca);
    expect(bytesToBig(paillier.decrypt(core, secretKey, ca))).toBe(a);
    expect(bytesToBig(paillier.decrypt(core, secretKey, paillier.add(core, publicKey, ca, cb)))).toBe(a + b);
    expect(bytesToBig(paillier.decrypt(core, secretKey, paillier.mulScalar(core, publicKey, ca, big(1000n))))).toBe(a * 1000n);
    paillier.validateCiphertext(core, publicKey, ca);
  });

  it('rejects invalid ciphertexts and plaintexts', async () => {
    const core = await coreOf(name);
    const { publicKey, secretKey } = paillier.keygenFromPrimes(core, p!, q!);
    const n = bytesToBig(publicKey);
    for (const c of [0n, n * n, n * n + 5n, bytesToBig(p!) * 7n]) {
      expectCode(() => paillier.validateCiphertext(core, publicKey, big(c)), 'SIGIL_E_INVALID_CIPHERTEXT');
      expectCode(() => paillier.decrypt(core, secretKey, big(c)), 'SIGIL_E_INVALID_CIPHERTEXT');
    }
    expectCode(() => paillier.encrypt(core, publicKey, big(n)), 'SIGIL_E_INVALID_ARGUMENT');
  });

  it('rejects weak keys: small, equal, non-safe or composite primes', async () => {
    const core = await coreOf(name);
    expectCode(() => paillier.keygenFromPrimes(core, p!, p!), 'SIGIL_E_INVALID_MODULUS');
    expectCode(() => paillier.keygenFromPrimes(core, big(1019n), big(1187n)), 'SIGIL_E_INVALID_MODULUS');
    const composite = bytesToBig(p!) * 3n;
    expectCode(() => paillier.keygenFromPrimes(core, big(composite), q!), 'SIGIL_E_INVALID_MODULUS');
    expectCode(() => paillier.keygenFromPrimes(core, p!, big(bytesToBig(q!) + 2n)), 'SIGIL_E_INVALID_MODULUS');
    expect(p2).toBeDefined();
  });

  it('rejects a corrupted or foreign secret-key blob', async () => {
    const core = await coreOf(name);
    const { secretKey } = paillier.keygenFromPrimes(core, p!, q!);
    expect(() => paillier.publicKey(core, secretKey.subarray(0, 10))).toThrow();
    const wrongVersion = secretKey.slice();
    wrongVersion[0] = 0xee;
    expectCode(() => paillier.publicKey(core, wrongVersion), 'SIGIL_E_UNSUPPORTED_VERSION');
  });
});

describe('native and wasm agree', () => {
  it('on deterministic big-integer and Paillier results', async () => {
    const [n, w] = [await coreOf('native'), await coreOf('wasm')];
    const [p, q] = safePrimes();
    const m = big(bytesToBig(randomBytes(64)) | 1n);
    const b = randomBytes(64);
    const e = randomBytes(32);
    expect(bigint.modexpVartime(w, b, e, m)).toEqual(bigint.modexpVartime(n, b, e, m));
    expect(bigint.modexpCt(w, b, e, m)).toEqual(bigint.modexpCt(n, b, e, m));
    // A prime modulus, so the random b is invertible.
    expect(bigint.modinv(w, b, p!)).toEqual(bigint.modinv(n, b, p!));
    const kn = paillier.keygenFromPrimes(n, p!, q!);
    const kw = paillier.keygenFromPrimes(w, p!, q!);
    expect(kw.publicKey).toEqual(kn.publicKey);
    const r = big(bytesToBig(randomBytes(200)) | 1n);
    const c = paillier.encryptWithNonce(n, kn.publicKey, big(42n), r);
    expect(paillier.encryptWithNonce(w, kw.publicKey, big(42n), r)).toEqual(c);
    expect(bytesToBig(paillier.decrypt(w, kw.secretKey, c))).toBe(42n);
    // Secret-key blobs are a shared format: one backend reads the other's.
    expect(bytesToBig(paillier.decrypt(n, kw.secretKey, c))).toBe(42n);
  });
});
