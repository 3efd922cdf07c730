/**
 * Threshold ECDSA (secp256k1) in TypeScript terms: descriptors for the
 * session runner (key generation, refresh, reshare, presigning, GG18-mode
 * signing) and the one-shot calls of online signing. Key shares,
 * presignatures and Paillier keys are opaque secret blobs.
 */
import { SigilError, encodeList, readU16le, u16le } from '../core/index.ts';
import { decodeStep, encodeInbound, encodeParties } from './wire.ts';
import type { OpRunner, PartyId, ProtocolDescriptor } from './types.ts';

const EMPTY = new Uint8Array(0);

/** Parameters of one party's DKG. `paillier`: a pre-generated Paillier key blob (else one is made, ~1 s). */
export interface EcdsaKeygenParams {
  readonly sessionId: Uint8Array;
  readonly me: PartyId;
  readonly t: number;
  readonly parties: readonly PartyId[];
  readonly paillier?: Uint8Array;
}

/** Parameters of one party's refresh: same key, new shares and Paillier keys. */
export interface EcdsaRefreshParams {
  readonly sessionId: Uint8Array;
  readonly keyShare: Uint8Array;
  readonly paillier?: Uint8Array;
}

/**
 * Parameters of one party's reshare to a new `(t, receivers)`: dealers are
 * old holders (≥ old t) and pass their old share; new-only receivers pass none.
 */
export interface EcdsaReshareParams {
  readonly sessionId: Uint8Array;
  readonly me: PartyId;
  readonly t: number;
  readonly dealers: readonly PartyId[];
  readonly receivers: readonly PartyId[];
  readonly oldPublic: Uint8Array;
  readonly oldKeyShare?: Uint8Array;
  readonly paillier?: Uint8Array;
}

/** Parameters of one signer's presigning. */
export interface EcdsaPresignParams {
  readonly sessionId: Uint8Array;
  readonly keyShare: Uint8Array;
  readonly signers: readonly PartyId[];
}

/** Parameters of one signer's GG18-mode signature of a 32-byte hash. */
export interface EcdsaSignParams extends EcdsaPresignParams {
  readonly hash: Uint8Array;
}

function descriptor<P>(name: string, startOp: string, stepOp: string, args: (p: P) => Uint8Array[]): ProtocolDescriptor<P> {
  return {
    name,
    async start(ops: OpRunner, p: P) {
      return decodeStep(await ops.run(startOp, args(p)));
    },
    async step(ops: OpRunner, state, inbound) {
      return decodeStep(await ops.run(stepOp, [state, encodeInbound(inbound)]));
    },
  };
}

/** DKG with Paillier/ring-Pedersen aux keys and Πmod/Πprm/Πfac: output is the key share. */
export const ecdsaKeygen = descriptor<EcdsaKeygenParams>('ecdsa.keygen', 'ecdsa.keygen_start', 'ecdsa.keygen_step', (p) => [
  p.sessionId, u16le(p.me), u16le(p.t), encodeParties(p.parties), p.paillier ?? EMPTY,
]);

/** Proactive refresh: output is the new key share (same group key). */
export const ecdsaRefresh = descriptor<EcdsaRefreshParams>('ecdsa.refresh', 'ecdsa.refresh_start', 'ecdsa.keygen_step', (p) => [
  p.sessionId, p.keyShare, p.paillier ?? EMPTY,
]);

/** Reshare to a new set: receivers output a key share, dealers that do not receive output empty bytes. */
export const ecdsaReshare = descriptor<EcdsaReshareParams>('ecdsa.reshare', 'ecdsa.reshare_start', 'ecdsa.keygen_step', (p) => [
  p.sessionId, u16le(p.me), u16le(p.t), encodeParties(p.dealers), encodeParties(p.receivers), p.oldPublic, p.oldKeyShare ?? EMPTY, p.paillier ?? EMPTY,
]);

/** Presigning (offline phase): output is the signer's presignature (secret, one-time). */
export const ecdsaPresign = descriptor<EcdsaPresignParams>('ecdsa.presign', 'ecdsa.presign_start', 'ecdsa.presign_step', (p) => [
  p.sessionId, p.keyShare, encodeParties(p.signers),
]);

/** GG18 mode: presign and sign in one session; output is `r ‖ s ‖ v` (65 bytes). */
export const ecdsaSign = descriptor<EcdsaSignParams>('ecdsa.sign', 'ecdsa.sign_start', 'ecdsa.sign_step', (p) => [
  p.sessionId, p.keyShare, encodeParties(p.signers), p.hash,
]);

function expectItems(items: readonly Uint8Array[], n: number, what: string): Uint8Array[] {
  if (items.length !== n || items.some((i) => !i)) throw new SigilError('SIGIL_E_BAD_FRAME', `bad ${what} result`);
  return [...items];
}

/** A Paillier key from two safe primes (big-endian), validated. */
export async function ecdsaPaillierFromPrimes(ops: OpRunner, p: Uint8Array, q: Uint8Array): Promise<Uint8Array> {
  return expectItems(await ops.run('ecdsa.paillier_from_primes', [p, q]), 1, 'paillier_from_primes')[0]!;
}

/** A fresh Paillier key (two 1024-bit safe primes; seconds of CPU). */
export async function ecdsaPaillierKeygen(ops: OpRunner): Promise<Uint8Array> {
  return expectItems(await ops.run('ecdsa.paillier_keygen', []), 1, 'paillier_keygen')[0]!;
}

/** Public facts of a key share. */
export interface EcdsaKeyInfo {
  readonly groupKey: Uint8Array;
  readonly id: PartyId;
  readonly t: number;
  readonly n: number;
  readonly publicData: Uint8Array;
}

/** Read the public facts of a key share. */
export async function ecdsaKeyInfo(ops: OpRunner, keyShare: Uint8Array): Promise<EcdsaKeyInfo> {
  const [groupKey, id, t, n, publicData] = expectItems(await ops.run('ecdsa.key_info', [keyShare]), 5, 'key_info');
  return { groupKey: groupKey!, id: readU16le(id!), t: readU16le(t!), n: readU16le(n!), publicData: publicData! };
}

/** A trusted-dealer split of an existing secret (key import); one Paillier key per party. */
export async function ecdsaDealerSplit(ops: OpRunner, secret: Uint8Array, t: number, paillier: readonly Uint8Array[]): Promise<Uint8Array[]> {
  return ops.run('ecdsa.dealer_split', [secret, u16le(t), ...paillier]);
}

/** The id and the public side of a presignature. */
export async function ecdsaPresigInfo(ops: OpRunner, presignature: Uint8Array): Promise<{ id: Uint8Array; publicPresig: Uint8Array }> {
  const [id, publicPresig] = expectItems(await ops.run('ecdsa.presig_info', [presignature]), 2, 'presig_info');
  return { id: id!, publicPresig: publicPresig! };
}

/** Online round: σ_i and the presignature id the caller must have marked used first. */
export async function ecdsaSignPartial(ops: OpRunner, presignature: Uint8Array, hash: Uint8Array): Promise<{ sigma: Uint8Array; presigId: Uint8Array }> {
  const [sigma, presigId] = expectItems(await ops.run('ecdsa.sign_partial', [presignature, hash]), 2, 'sign_partial');
  return { sigma: sigma!, presigId: presigId! };
}

/** Combine partial signatures into a verified low-s signature; a bad partial names its signer. */
export async function ecdsaCombine(ops: OpRunner, publicPresig: Uint8Array, hash: Uint8Array, partials: ReadonlyMap<PartyId, Uint8Array>): Promise<{ signature: Uint8Array; recoveryId: number }> {
  const list = encodeList([...partials].sort(([a], [b]) => a - b).map(([id, s]) => Uint8Array.from([...u16le(id), ...s])));
  const [signature, rec] = expectItems(await ops.run('ecdsa.combine', [publicPresig, hash, list]), 2, 'combine');
  return { signature: signature!, recoveryId: rec![0]! };
}

/**
 * Verify `r ‖ s` over a 32-byte hash under a compressed group key.
 * @throws {SigilError} SIGIL_E_SIGNATURE_INVALID when it does not verify.
 */
export async function ecdsaVerify(ops: OpRunner, groupKey: Uint8Array, hash: Uint8Array, signature: Uint8Array): Promise<void> {
  await ops.run('ecdsa.verify', [groupKey, hash, signature]);
}

