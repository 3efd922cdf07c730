/**
 * Shamir sharing with Feldman commitments, over either curve. Shares are
 * scalars (opaque bytes); commitments are concatenated point encodings.
 */
import { u16le, utf8 } from './bytes.ts';
import type { Core } from './core.ts';
import type { CurveName } from './curve.ts';
import { SigilError } from './errors.ts';

/** The result of a split: commitments `A_0..A_{t-1}` and shares for parties 1..n. */
export interface Split {
  readonly commitments: Uint8Array;
  readonly shares: readonly Uint8Array[];
}

/** Split `secret` into `n` shares, any `t` of which recover it. */
export function split(core: Core, curve: CurveName, secret: Uint8Array, t: number, n: number): Split {
  const [commitments, ...shares] = core.call('shamir.split', [utf8(curve), secret, u16le(t), u16le(n)]);
  if (!commitments || shares.length !== n) throw new SigilError('SIGIL_E_BAD_FRAME', 'bad split result');
  return { commitments, shares };
}

/** Throws SIGIL_E_INVALID_SHARE (blaming `index`) unless the share matches the commitments. */
export function verifyShare(core: Core, curve: CurveName, commitments: Uint8Array, index: number, share: Uint8Array): void {
  core.call('shamir.verify_share', [utf8(curve), commitments, u16le(index), share]);
}

/** Lagrange-interpolate the secret at zero from `(index, share)` pairs. */
export function interpolate(core: Core, curve: CurveName, shares: ReadonlyArray<readonly [number, Uint8Array]>): Uint8Array {
  const args = shares.flatMap(([i, s]) => [u16le(i), s]);
  const [secret] = core.call('shamir.interpolate', [utf8(curve), ...args]);
  if (!secret) throw new SigilError('SIGIL_E_BAD_FRAME', 'bad interpolate result');
  return secret;
}
