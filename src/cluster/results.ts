/** Public results nodes report when a key session ends (msgpack maps). */
import { Packr } from 'msgpackr';
import { SigilError } from '../core/index.ts';

const packr = new Packr({ useRecords: false });

/** What every party reports after a FROST DKG. */
export interface FrostKeyResult {
  /** Group key in the curve's encoding. */
  readonly groupKey: Uint8Array;
  /** The key signatures verify under (x-only for Taproot). */
  readonly verifyKey: Uint8Array;
  /** Public key package (verifying shares), for aggregation. */
  readonly publicPackage: Uint8Array;
}

/** Encode a FROST key result. */
export function encodeFrostResult(r: FrostKeyResult): Uint8Array {
  return packr.pack({ groupKey: r.groupKey, verifyKey: r.verifyKey, publicPackage: r.publicPackage });
}

/**
 * Decode a FROST key result.
 * @throws {SigilError} SIGIL_E_MALFORMED for a bad shape.
 */
export function decodeFrostResult(bytes: Uint8Array): FrostKeyResult {
  let v: Record<string, unknown>;
  try {
    v = packr.unpack(bytes) as Record<string, unknown>;
  } catch {
    throw new SigilError('SIGIL_E_MALFORMED', 'undecodable FROST session result');
  }
  const ok = (x: unknown): x is Uint8Array => x instanceof Uint8Array;
  if (!ok(v.groupKey) || !ok(v.verifyKey) || !ok(v.publicPackage)) throw new SigilError('SIGIL_E_MALFORMED', 'bad FROST session result');
  return { groupKey: v.groupKey, verifyKey: v.verifyKey, publicPackage: v.publicPackage };
}
