/** Public results nodes report when an ECDSA session ends (msgpack maps). */
import { Packr } from 'msgpackr';
import { SigilError } from '../core/index.ts';

const packr = new Packr({ useRecords: false });

/** What every party reports after an ECDSA key generation. */
export interface EcdsaKeyResult {
  /** 33-byte compressed group key. */
  readonly groupKey: Uint8Array;
  /** Public key data (verification shares, Paillier and ring-Pedersen moduli). */
  readonly publicData: Uint8Array;
}

/** What every signer reports after a presigning session. */
export interface EcdsaPresignResult {
  /** 16-byte presignature id (the same at every signer). */
  readonly presigId: Uint8Array;
  /** The public side of the presignature, for combining partial signatures. */
  readonly publicPresig: Uint8Array;
}

function unpack(bytes: Uint8Array, what: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = packr.unpack(bytes);
  } catch {
    throw new SigilError('SIGIL_E_MALFORMED', `undecodable ${what}`);
  }
  if (typeof v !== 'object' || v === null) throw new SigilError('SIGIL_E_MALFORMED', `bad ${what}`);
  return v as Record<string, unknown>;
}

const isBytes = (x: unknown, len?: number): x is Uint8Array => x instanceof Uint8Array && (len === undefined || x.length === len);

/** Encode an ECDSA key result. */
export function encodeEcdsaKeyResult(r: EcdsaKeyResult): Uint8Array {
  return packr.pack({ groupKey: r.groupKey, publicData: r.publicData });
}

/**
 * Decode an ECDSA key result.
 * @throws {SigilError} SIGIL_E_MALFORMED for a bad shape.
 */
export function decodeEcdsaKeyResult(bytes: Uint8Array): EcdsaKeyResult {
  const v = unpack(bytes, 'ECDSA key result');
  if (!isBytes(v.groupKey, 33) || !isBytes(v.publicData)) throw new SigilError('SIGIL_E_MALFORMED', 'bad ECDSA key result');
  return { groupKey: v.groupKey, publicData: v.publicData };
}

/** Encode a presigning result. */
export function encodeEcdsaPresignResult(r: EcdsaPresignResult): Uint8Array {
  return packr.pack({ presigId: r.presigId, publicPresig: r.publicPresig });
}

/**
 * Decode a presigning result.
 * @throws {SigilError} SIGIL_E_MALFORMED for a bad shape.
 */
export function decodeEcdsaPresignResult(bytes: Uint8Array): EcdsaPresignResult {
  const v = unpack(bytes, 'presign result');
  if (!isBytes(v.presigId, 16) || !isBytes(v.publicPresig)) throw new SigilError('SIGIL_E_MALFORMED', 'bad presign result');
  return { presigId: v.presigId, publicPresig: v.publicPresig };
}
