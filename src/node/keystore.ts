/**
 * The node's secret blobs at rest: key packages, one-time nonces,
 * presignatures and pre-generated Paillier keys, sealed under the master key with their context as associated data
 * (`wire.seal_share`): a blob moved to another key, party or purpose does
 * not open.
 */
import { u16le, utf8, type Core } from '../core/index.ts';
import type { Store } from '../store/index.ts';

const FORMAT_VERSION = 1;
const PRESIG_PROTOCOL = 'ecdsa-secp256k1';
/** The pool name under which pre-generated Paillier keys are kept (they belong to no key yet). */
const PAILLIER_POOL = 'paillier';

/** Seals and opens this node's secret blobs. */
export class KeyStore {
  readonly #core: Core;
  readonly #store: Store;
  readonly #masterKey: Uint8Array;
  readonly #party: number;

  constructor(core: Core, store: Store, masterKey: Uint8Array, party: number) {
    this.#core = core;
    this.#store = store;
    this.#masterKey = masterKey;
    this.#party = party;
  }

  /** Seal `plain` for (key id, purpose, protocol). */
  seal(keyId: string, purpose: string, protocol: string, plain: Uint8Array): Uint8Array {
    return this.#core.call('wire.seal_share', [this.#masterKey, utf8(keyId), u16le(this.#party), utf8(purpose), utf8(protocol), u16le(FORMAT_VERSION), plain])[0]!;
  }

  /** Open a blob sealed by `seal` with the same context. */
  open(keyId: string, purpose: string, protocol: string, sealed: Uint8Array): Uint8Array {
    return this.#core.call('wire.open_share', [this.#masterKey, utf8(keyId), u16le(this.#party), utf8(purpose), utf8(protocol), u16le(FORMAT_VERSION), sealed])[0]!;
  }

  /** Store this node's key package for `keyId`. */
  async putKey(keyId: string, protocol: string, keyPackage: Uint8Array): Promise<void> {
    await this.#store.shares.put(keyId, this.#party, this.seal(keyId, 'key', protocol, keyPackage));
  }

  /** This node's key package for `keyId`, or undefined. */
  async getKey(keyId: string, protocol: string): Promise<Uint8Array | undefined> {
    const sealed = await this.#store.shares.get(keyId, this.#party);
    return sealed ? this.open(keyId, 'key', protocol, sealed) : undefined;
  }

  /** Seal an ECDSA presignature and add it to the durable one-time pool under its id (hex). */
  async putPresignature(keyId: string, id: string, presignature: Uint8Array): Promise<void> {
    await this.#store.presignatures.add([{ id, keyId, blob: this.seal(`${keyId}/${id}`, 'presig', PRESIG_PROTOCOL, presignature) }]);
  }

  /** Seal a pre-generated Paillier key into the node's one-time pool. */
  async putPaillier(id: string, key: Uint8Array): Promise<void> {
    await this.#store.paillierKeys.add([{ id, keyId: PAILLIER_POOL, blob: this.seal(`paillier/${id}`, 'paillier', PRESIG_PROTOCOL, key) }]);
  }

  /** Take a pre-generated Paillier key (marked used first), or undefined when the pool is empty. */
  async takePaillier(): Promise<Uint8Array | undefined> {
    const record = await this.#store.paillierKeys.takeAvailable(PAILLIER_POOL);
    return record ? this.open(`paillier/${record.id}`, 'paillier', PRESIG_PROTOCOL, record.blob) : undefined;
  }

  /** Pre-generated Paillier keys ready. */
  paillierLevel(): Promise<number> {
    return this.#store.paillierKeys.countAvailable(PAILLIER_POOL);
  }

  /** Open a presignature blob taken from the pool. */
  openPresignature(keyId: string, id: string, sealed: Uint8Array): Uint8Array {
    return this.open(`${keyId}/${id}`, 'presig', PRESIG_PROTOCOL, sealed);
  }
}
