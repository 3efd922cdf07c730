/**
 * Big-integer ops of the core. Integers are big-endian bytes; outputs are
 * minimal (zero is empty). Every function throws the core's `SigilError`.
 */
import { u32le } from './bytes.ts';
import type { Core } from './core.ts';
import { only } from './first.ts';

/** `base^exp mod modulus`, variable time: public values only. */
export function modexpVartime(core: Core, base: Uint8Array, exp: Uint8Array, modulus: Uint8Array): Uint8Array {
  return only(core.call('bigint.modexp_vartime', [base, exp, modulus]));
}

/** `base^exp mod modulus`, constant time in base and exponent (odd modulus). */
export function modexpCt(core: Core, base: Uint8Array, exp: Uint8Array, modulus: Uint8Array): Uint8Array {
  return only(core.call('bigint.modexp_ct', [base, exp, modulus]));
}

/** `a^-1 mod m`; throws SIGIL_E_NOT_INVERTIBLE when none exists. */
export function modinv(core: Core, a: Uint8Array, m: Uint8Array): Uint8Array {
  return only(core.call('bigint.modinv', [a, m]));
}

/** Greatest common divisor. */
export function gcd(core: Core, a: Uint8Array, b: Uint8Array): Uint8Array {
  return only(core.call('bigint.gcd', [a, b]));
}

/** Uniform random integer in `[0, bound)` from the OS CSPRNG. */
export function randomBelow(core: Core, bound: Uint8Array): Uint8Array {
  return only(core.call('bigint.random_below', [bound]));
}

/** Miller–Rabin probable-prime test (after trial division). */
export function isProbablePrime(core: Core, n: Uint8Array): boolean {
  return only(core.call('bigint.is_probable_prime', [n]))[0] === 1;
}

/** A random safe prime `p = 2q + 1` of exactly `bits` bits. */
export function safePrime(core: Core, bits: number): Uint8Array {
  return only(core.call('bigint.safe_prime', [u32le(bits)]));
}
