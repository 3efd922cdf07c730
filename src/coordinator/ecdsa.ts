/**
 * ECDSA (secp256k1) keys in the cluster: key generation on `n` nodes, and
 * signing — `presigned` (default: one presignature from the pool, one
 * partial per signer, a checked combination) or `gg18` (presign and sign
 * back to back in one session, no pool). Every signature is verified
 * against the key's recorded group key before it is returned.
 */
import { randomUUID } from 'node:crypto';
import { SigilError, toHex } from '../core/index.ts';
import { decodeEcdsaKeyResult } from '../cluster/index.ts';
import { ecdsaCombine, ecdsaVerify, type PartyId } from '../protocol/index.ts';
import type { KeyRecord } from '../store/index.ts';
import type { ClusterPort } from './cluster-port.ts';
import type { PresignPool, PooledPresig } from './presign-pool.ts';
import type { PresignRefiller } from './presign-refill.ts';
import type { SignatureResult } from './service.ts';

/** ECDSA timing settings. */
export interface EcdsaSettings {
  /** Deadline of a key generation session (fresh Paillier keys take seconds of CPU per party). */
  readonly keygenTimeoutMs: number;
  /** Deadline of a GG18-mode signing session. */
  readonly signTimeoutMs: number;
  /** Deadline of one node's partial signature. */
  readonly partialTimeoutMs: number;
}

/** Errors after which a signature is retried without the blamed nodes. */
const RETRY_WITHOUT = new Set(['SIGIL_E_PEER_DEADLINE', 'SIGIL_E_PEER_UNAVAILABLE', 'SIGIL_E_ABORTED']);
/** Errors after which a presigned signature is retried with another pool entry (the entry was unusable). */
const RETRY_ENTRY = new Set(['SIGIL_E_NOT_FOUND', 'SIGIL_E_NONCE_REUSED']);

/** Key generation and signing for ECDSA keys. */
export class EcdsaKeys {
  readonly #cluster: ClusterPort;
  readonly #pool: PresignPool;
  readonly #refiller: PresignRefiller;
  readonly #settings: EcdsaSettings;

  constructor(cluster: ClusterPort, pool: PresignPool, refiller: PresignRefiller, settings: EcdsaSettings) {
    this.#cluster = cluster;
    this.#pool = pool;
    this.#refiller = refiller;
    this.#settings = settings;
  }

  /** Run DKG on `parties`; every party must report the same group key and public data. */
  async keygen(keyId: string, parties: readonly number[], t: number): Promise<{ groupKey: Uint8Array; publicData: Uint8Array }> {
    const results = await this.#cluster.runSession('keygen', 'ecdsa.keygen', keyId, parties, { t }, { timeoutMs: this.#settings.keygenTimeoutMs });
    const decoded = parties.map((p) => decodeEcdsaKeyResult(results.get(p)!));
    const first = decoded[0]!;
    if (decoded.some((d) => toHex(d.groupKey) !== toHex(first.groupKey) || toHex(d.publicData) !== toHex(first.publicData))) {
      throw new SigilError('SIGIL_E_ABORTED', 'parties disagree on the group key');
    }
    return first;
  }

  /**
   * Sign a 32-byte hash.
   * @throws {SigilError} SIGIL_E_INVALID_LENGTH for a hash that is not 32 bytes; the signers' or session's error otherwise.
   */
  async sign(key: KeyRecord, hash: Uint8Array, mode: 'presigned' | 'gg18'): Promise<SignatureResult> {
    if (hash.length !== 32) throw new SigilError('SIGIL_E_INVALID_LENGTH', `ECDSA signs a 32-byte hash, got ${hash.length} bytes`);
    const excluded = new Set<number>();
    const attempts = key.n - key.t + 3;
    for (let attempt = 0; ; attempt++) {
      try {
        if (mode === 'gg18') return await this.#gg18(key, hash, excluded);
        const entry = this.#pool.take(key.id, (s) => !excluded.has(s) && this.#cluster.healthy(s));
        if (this.#pool.size(key.id) < this.#refiller.target / 2) void this.#refiller.refill(key);
        // An empty pool (a burst beyond it, or just after a restart) falls back to
        // the full protocol rather than failing: slower, but the same signature.
        if (!entry) return await this.#gg18(key, hash, excluded);
        return await this.#presigned(key, entry, hash);
      } catch (err) {
        const e = err instanceof SigilError ? err : new SigilError('SIGIL_E_BUG', String(err));
        if (attempt + 1 >= attempts) throw e;
        if (RETRY_WITHOUT.has(e.code) && e.culprits.length > 0) for (const c of e.culprits) excluded.add(c);
        else if (!RETRY_ENTRY.has(e.code) || mode === 'gg18') throw e;
      }
    }
  }

  async #presigned(key: KeyRecord, entry: PooledPresig, hash: Uint8Array): Promise<SignatureResult> {
    const partials = new Map<PartyId, Uint8Array>();
    await Promise.all(entry.signers.map(async (s) => {
      const body = await this.#cluster.request(s, 'ecdsa.sign', { keyId: key.id, presigId: entry.presigId, hash }, this.#settings.partialTimeoutMs);
      if (!(body.sigma instanceof Uint8Array) || body.sigma.length !== 32) throw new SigilError('SIGIL_E_MALFORMED', `node ${s} sent a bad partial signature`, [s]);
      partials.set(s, body.sigma);
    }));
    // Combination checks every partial (naming a bad signer) and the signature.
    const { signature, recoveryId } = await ecdsaCombine(this.#cluster.core, entry.publicPresig, hash, partials);
    await ecdsaVerify(this.#cluster.core, key.publicKey, hash, signature);
    return { keyId: key.id, sessionId: randomUUID(), signature: toHex(signature), recoveryId, signers: entry.signers, mode: 'presigned' };
  }

  async #gg18(key: KeyRecord, hash: Uint8Array, excluded: ReadonlySet<number>): Promise<SignatureResult> {
    const signers = this.#refiller.nextSigners(key, excluded);
    if (!signers) throw new SigilError('SIGIL_E_PEER_UNAVAILABLE', `fewer than ${key.t} signers are reachable`);
    const sessionId = randomUUID();
    const results = await this.#cluster.runSession('sign', 'ecdsa.sign', key.id, signers, { hash }, { id: sessionId, timeoutMs: this.#settings.signTimeoutMs });
    const outputs = signers.map((s) => results.get(s)!);
    const first = outputs[0]!;
    if (first.length !== 65 || outputs.some((o) => toHex(o) !== toHex(first))) throw new SigilError('SIGIL_E_ABORTED', 'signers disagree on the signature');
    const signature = first.subarray(0, 64);
    await ecdsaVerify(this.#cluster.core, key.publicKey, hash, signature);
    return { keyId: key.id, sessionId, signature: toHex(signature), recoveryId: first[64]!, signers, mode: 'gg18' };
  }
}
