/**
 * FROST (RFC 9591) in TypeScript terms: the DKG and refresh descriptors for
 * the session runner, and the one-shot calls of preprocessing, signing and
 * aggregation. Key packages and nonces are opaque secret blobs.
 */
import { SigilError, encodeList, readU16le, u16le, utf8 } from '../core/index.ts';
import { decodeStep, encodeInbound, encodeParties } from './wire.ts';
import type { OpRunner, PartyId, ProtocolDescriptor } from './types.ts';

/** FROST ciphersuites. */
export type FrostSuite = 'ed25519' | 'secp256k1' | 'secp256k1-tr';

/** Every suite, for test matrices. */
export const FROST_SUITES: readonly FrostSuite[] = ['ed25519', 'secp256k1', 'secp256k1-tr'];

/** Parameters of one party's DKG. */
export interface FrostDkgParams {
  readonly suite: FrostSuite;
  readonly sessionId: Uint8Array;
  readonly me: PartyId;
  readonly t: number;
  readonly parties: readonly PartyId[];
}

/** Parameters of one party's refresh. */
export interface FrostRefreshParams {
  readonly suite: FrostSuite;
  readonly sessionId: Uint8Array;
  readonly keyPackage: Uint8Array;
}

const SUITE_BY_ID: Readonly<Record<number, FrostSuite>> = { 1: 'ed25519', 2: 'secp256k1', 3: 'secp256k1-tr' };

/**
 * The suite of a FROST blob (byte 1 of its `[version, suite, kind]` header).
 * @throws {SigilError} SIGIL_E_MALFORMED for a blob that is not FROST's.
 */
export function frostSuiteOf(blob: Uint8Array): FrostSuite {
  const suite = SUITE_BY_ID[blob[1] ?? -1];
  if (!suite) throw new SigilError('SIGIL_E_MALFORMED', 'not a FROST blob');
  return suite;
}

function descriptor<P extends { suite: FrostSuite }>(name: string, startOp: string, stepOp: string, args: (p: P) => Uint8Array[]): ProtocolDescriptor<P> {
  return {
    name,
    async start(ops: OpRunner, p: P) {
      return decodeStep(await ops.run(startOp, [utf8(p.suite), ...args(p)]));
    },
    async step(ops: OpRunner, state, inbound) {
      return decodeStep(await ops.run(stepOp, [utf8(frostSuiteOf(state)), state, encodeInbound(inbound)]));
    },
  };
}

/** Pedersen DKG with proofs of knowledge: output is the party's key package. */
export const frostDkg: ProtocolDescriptor<FrostDkgParams> = descriptor('frost.dkg', 'frost.dkg_start', 'frost.dkg_step', (p) => [
  p.sessionId,
  u16le(p.me),
  u16le(p.t),
  encodeParties(p.parties),
]);

/** Proactive refresh: output is the party's new key package (same group key). */
export const frostRefresh: ProtocolDescriptor<FrostRefreshParams> = descriptor('frost.refresh', 'frost.refresh_start', 'frost.refresh_step', (p) => [
  p.sessionId,
  p.keyPackage,
]);

/** Public facts of a key package. */
export interface FrostKeyInfo {
  readonly groupKey: Uint8Array;
  readonly id: PartyId;
  readonly t: number;
  readonly n: number;
  readonly verifyingShare: Uint8Array;
  readonly publicPackage: Uint8Array;
}

/** Read the public facts of a key package. */
export async function frostKeyInfo(ops: OpRunner, suite: FrostSuite, keyPackage: Uint8Array): Promise<FrostKeyInfo> {
  const [groupKey, id, t, n, verifyingShare, publicPackage] = await ops.run('frost.key_info', [utf8(suite), keyPackage]);
  if (!groupKey || !id || !t || !n || !verifyingShare || !publicPackage) throw new SigilError('SIGIL_E_BAD_FRAME', 'bad key_info result');
  return { groupKey, id: readU16le(id), t: readU16le(t), n: readU16le(n), verifyingShare, publicPackage };
}

/** Fresh one-time nonces (secret), their public commitments and the nonces' id. */
export async function frostCommit(ops: OpRunner, suite: FrostSuite, keyPackage: Uint8Array): Promise<{ nonces: Uint8Array; commitments: Uint8Array; nonceId: Uint8Array }> {
  const [nonces, commitments, nonceId] = await ops.run('frost.commit', [utf8(suite), keyPackage]);
  if (!nonces || !commitments || !nonceId) throw new SigilError('SIGIL_E_BAD_FRAME', 'bad commit result');
  return { nonces, commitments, nonceId };
}

/** Encode `(signer, bytes)` pairs as the core's id-prefixed list. */
export function encodeSignerList(entries: ReadonlyMap<PartyId, Uint8Array>): Uint8Array {
  return encodeList([...entries].sort(([a], [b]) => a - b).map(([id, bytes]) => Uint8Array.from([...u16le(id), ...bytes])));
}

/** What signers sign. `tweak` (Taproot only): BIP-341 merkle root, empty for key-path only. */
export interface FrostSigningPackage {
  readonly message: Uint8Array;
  readonly commitments: ReadonlyMap<PartyId, Uint8Array>;
  readonly tweak?: Uint8Array;
}

/** Round two: consume nonces, return the share and the nonce id the caller must mark used first. */
export async function frostSign(ops: OpRunner, suite: FrostSuite, keyPackage: Uint8Array, nonces: Uint8Array, pkg: FrostSigningPackage): Promise<{ share: Uint8Array; nonceId: Uint8Array }> {
  const args = [utf8(suite), keyPackage, nonces, pkg.message, encodeSignerList(pkg.commitments)];
  if (pkg.tweak) args.push(pkg.tweak);
  const [share, nonceId] = await ops.run('frost.sign', args);
  if (!share || !nonceId) throw new SigilError('SIGIL_E_BAD_FRAME', 'bad sign result');
  return { share, nonceId };
}

/** Aggregate verified shares into a verified signature; a bad share names its sender. */
export async function frostAggregate(ops: OpRunner, suite: FrostSuite, publicPackage: Uint8Array, pkg: FrostSigningPackage, shares: ReadonlyMap<PartyId, Uint8Array>): Promise<Uint8Array> {
  const args = [utf8(suite), publicPackage, pkg.message, encodeSignerList(pkg.commitments), encodeSignerList(shares)];
  if (pkg.tweak) args.push(pkg.tweak);
  const [sig] = await ops.run('frost.aggregate', args);
  if (!sig) throw new SigilError('SIGIL_E_BAD_FRAME', 'bad aggregate result');
  return sig;
}

/** The key signatures verify under (x-only, tweaked if asked, for Taproot). */
export async function frostGroupKey(ops: OpRunner, suite: FrostSuite, publicPackage: Uint8Array, tweak?: Uint8Array): Promise<Uint8Array> {
  const [key] = await ops.run('frost.group_key', tweak ? [utf8(suite), publicPackage, tweak] : [utf8(suite), publicPackage]);
  if (!key) throw new SigilError('SIGIL_E_BAD_FRAME', 'bad group_key result');
  return key;
}
