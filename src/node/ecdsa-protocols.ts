/**
 * The ECDSA (secp256k1) sessions a node joins: key generation (with a
 * pre-generated Paillier key from the node's pool, else a fresh one made
 * inside the start op), presigning (the presignature is
 * sealed into the durable one-time pool) and GG18-mode signing (presign and
 * sign back to back in one session).
 */
import { SigilError, toHex, utf8 } from '../core/index.ts';
import { encodeEcdsaKeyResult, encodeEcdsaPresignResult, type StartSession } from '../cluster/index.ts';
import { ecdsaKeyInfo, ecdsaKeygen, ecdsaPresign, ecdsaPresigInfo, ecdsaSign, type ProtocolDescriptor } from '../protocol/index.ts';
import type { KeyStore } from './keystore.ts';
import type { NodeProtocol } from './protocols.ts';

/** The key-store protocol slot of ECDSA key shares. */
export const ECDSA_SLOT = 'ecdsa-secp256k1';

async function keyShare(keys: KeyStore, keyId: string): Promise<Uint8Array> {
  const share = await keys.getKey(keyId, ECDSA_SLOT);
  if (!share) throw new SigilError('SIGIL_E_NOT_FOUND', `no share of key ${keyId} on this node`);
  return share;
}

const keygen: NodeProtocol = {
  descriptor: ecdsaKeygen as ProtocolDescriptor<unknown>,
  async params(me, start, keys) {
    const t = start.params.t;
    if (!Number.isInteger(t)) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', 'ECDSA key generation needs an integer t');
    // A pre-generated Paillier key when the pool has one; else the start op makes a fresh one (seconds of CPU).
    const paillier = await keys.takePaillier();
    return { sessionId: utf8(start.session), me, t, parties: start.parties, ...(paillier ? { paillier } : {}) };
  },
  async done(_me, start, output, keys, core) {
    const info = await ecdsaKeyInfo(core, output);
    await keys.putKey(start.keyId, ECDSA_SLOT, output);
    return encodeEcdsaKeyResult({ groupKey: info.groupKey, publicData: info.publicData });
  },
};

const presign: NodeProtocol = {
  descriptor: ecdsaPresign as ProtocolDescriptor<unknown>,
  async params(_me, start: StartSession, keys) {
    return { sessionId: utf8(start.session), keyShare: await keyShare(keys, start.keyId), signers: start.parties };
  },
  async done(_me, start, output, keys, core) {
    const { id, publicPresig } = await ecdsaPresigInfo(core, output);
    // Durable (sealed) before the coordinator learns the presignature exists.
    await keys.putPresignature(start.keyId, toHex(id), output);
    return encodeEcdsaPresignResult({ presigId: id, publicPresig });
  },
};

const sign: NodeProtocol = {
  descriptor: ecdsaSign as ProtocolDescriptor<unknown>,
  async params(_me, start, keys) {
    const hash = start.params.hash;
    if (!(hash instanceof Uint8Array) || hash.length !== 32) throw new SigilError('SIGIL_E_INVALID_LENGTH', 'the hash must be 32 bytes');
    return { sessionId: utf8(start.session), keyShare: await keyShare(keys, start.keyId), signers: start.parties, hash };
  },
  async done(_me, _start, output) {
    if (output.length !== 65) throw new SigilError('SIGIL_E_BAD_FRAME', 'GG18 signature must be 65 bytes');
    return output; // r ‖ s ‖ v: public
  },
};

/** ECDSA protocols by name. */
export const ECDSA_NODE_PROTOCOLS: ReadonlyArray<readonly [string, NodeProtocol]> = [
  ['ecdsa.keygen', keygen],
  ['ecdsa.presign', presign],
  ['ecdsa.sign', sign],
];
