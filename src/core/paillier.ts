/**
 * Paillier ops of the core (g = N + 1). The secret key is an opaque blob that
 * only the core can read; public keys and ciphertexts are big-endian bytes.
 */
import { u32le } from './bytes.ts';
import type { Core } from './core.ts';
import { only } from './first.ts';
import { SigilError } from './errors.ts';

/** A key pair: the public key (N) and the opaque secret-key blob. */
export interface PaillierKeyPair {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

function pair(items: readonly Uint8Array[]): PaillierKeyPair {
  const [publicKey, secretKey] = items;
  if (items.length !== 2 || !publicKey || !secretKey) throw new SigilError('SIGIL_E_BAD_FRAME', 'expected [pk, sk]');
  return { publicKey, secretKey };
}

/** Generate a key with an N of `bits` bits from two fresh safe primes (slow: seconds). */
export function keygen(core: Core, bits: number): PaillierKeyPair {
  return pair(core.call('paillier.keygen', [u32le(bits)]));
}

/** Build a key from two safe primes (validated: prime, safe, ≡ 3 mod 4, N ≥ 2048 bits). */
export function keygenFromPrimes(core: Core, p: Uint8Array, q: Uint8Array): PaillierKeyPair {
  return pair(core.call('paillier.keygen_from_primes', [p, q]));
}

/** The public key of a secret-key blob. */
export function publicKey(core: Core, secretKey: Uint8Array): Uint8Array {
  return only(core.call('paillier.public_key', [secretKey]));
}

/** Encrypt `m < N` with fresh randomness. */
export function encrypt(core: Core, pk: Uint8Array, m: Uint8Array): Uint8Array {
  return only(core.call('paillier.encrypt', [pk, m]));
}

/** Encrypt with a caller-given nonce `r` (deterministic; for tests and proofs). */
export function encryptWithNonce(core: Core, pk: Uint8Array, m: Uint8Array, r: Uint8Array): Uint8Array {
  return only(core.call('paillier.encrypt_with_nonce', [pk, m, r]));
}

/** Decrypt (CRT, constant time in the key); validates the ciphertext first. */
export function decrypt(core: Core, sk: Uint8Array, c: Uint8Array): Uint8Array {
  return only(core.call('paillier.decrypt', [sk, c]));
}

/** Homomorphic addition: `Enc(a) ⊕ Enc(b) = Enc(a + b)`. */
export function add(core: Core, pk: Uint8Array, c1: Uint8Array, c2: Uint8Array): Uint8Array {
  return only(core.call('paillier.add', [pk, c1, c2]));
}

/** Homomorphic scalar multiplication: `Enc(a)^k = Enc(k·a)`. */
export function mulScalar(core: Core, pk: Uint8Array, c: Uint8Array, k: Uint8Array): Uint8Array {
  return only(core.call('paillier.mul_scalar', [pk, c, k]));
}

/** Throws SIGIL_E_INVALID_CIPHERTEXT unless `0 < c < N²` and `gcd(c, N) = 1`. */
export function validateCiphertext(core: Core, pk: Uint8Array, c: Uint8Array): void {
  core.call('paillier.validate_ciphertext', [pk, c]);
}
