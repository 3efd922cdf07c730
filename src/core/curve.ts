/**
 * Curve ops of the core. secp256k1: 32-byte big-endian scalars, 33-byte SEC1
 * compressed points. Ed25519: 32-byte little-endian scalars and points
 * (RFC 8032). Decoding rejects identity, off-curve, non-canonical and
 * small-order inputs with typed errors.
 */
import { utf8 } from './bytes.ts';
import type { Core } from './core.ts';
import { only } from './first.ts';

/** Curves the core serves. */
export type CurveName = 'secp256k1' | 'ed25519';

/** Every curve, for test matrices. */
export const CURVES: readonly CurveName[] = ['secp256k1', 'ed25519'];

const op = (core: Core, name: string, curve: CurveName, ...args: Uint8Array[]): Uint8Array =>
  only(core.call(`curve.${name}`, [utf8(curve), ...args]));

/** A uniform nonzero scalar from the OS CSPRNG. */
export const scalarRandom = (core: Core, curve: CurveName): Uint8Array => op(core, 'scalar_random', curve);
/** `a + b mod n`. */
export const scalarAdd = (core: Core, curve: CurveName, a: Uint8Array, b: Uint8Array): Uint8Array => op(core, 'scalar_add', curve, a, b);
/** `a - b mod n`. */
export const scalarSub = (core: Core, curve: CurveName, a: Uint8Array, b: Uint8Array): Uint8Array => op(core, 'scalar_sub', curve, a, b);
/** `a · b mod n`. */
export const scalarMul = (core: Core, curve: CurveName, a: Uint8Array, b: Uint8Array): Uint8Array => op(core, 'scalar_mul', curve, a, b);
/** `-a mod n`. */
export const scalarNeg = (core: Core, curve: CurveName, a: Uint8Array): Uint8Array => op(core, 'scalar_neg', curve, a);
/** `a^-1 mod n`; zero throws SIGIL_E_NOT_INVERTIBLE. */
export const scalarInvert = (core: Core, curve: CurveName, a: Uint8Array): Uint8Array => op(core, 'scalar_invert', curve, a);
/** `s·G`. */
export const pointBaseMul = (core: Core, curve: CurveName, s: Uint8Array): Uint8Array => op(core, 'point_base_mul', curve, s);
/** `s·P`. */
export const pointMul = (core: Core, curve: CurveName, p: Uint8Array, s: Uint8Array): Uint8Array => op(core, 'point_mul', curve, p, s);
/** `P + Q`. */
export const pointAdd = (core: Core, curve: CurveName, p: Uint8Array, q: Uint8Array): Uint8Array => op(core, 'point_add', curve, p, q);
/** Validate a point encoding; returns its canonical encoding. */
export const pointValidate = (core: Core, curve: CurveName, p: Uint8Array): Uint8Array => op(core, 'point_validate', curve, p);
/** Domain-separated hash to a scalar (`sigil/v1/<tag>`). */
export const hashToScalar = (core: Core, curve: CurveName, tag: string, ...parts: Uint8Array[]): Uint8Array =>
  op(core, 'hash_to_scalar', curve, utf8(tag), ...parts);
