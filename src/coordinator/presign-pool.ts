/**
 * The coordinator's pool of ECDSA presignatures, in memory: per key, the
 * public side of presignatures its signers hold (sealed, durable) on their
 * nodes. An entry serves exactly the signer set it was made with and is
 * handed out once; each node enforces single use again when it signs.
 * After a coordinator restart the pool starts empty and is refilled; the
 * presignatures nodes still hold from before stay unused (orphaned, never
 * a risk: nothing can ask for them without their public side).
 */

/** One presignature the coordinator may assign to a signature. */
export interface PooledPresig {
  /** 16-byte id, lowercase hex. */
  readonly presigId: string;
  /** Node ids holding its shares, ascending. */
  readonly signers: readonly number[];
  readonly publicPresig: Uint8Array;
}

/** Presignatures by key. */
export class PresignPool {
  readonly #pools = new Map<string, PooledPresig[]>();

  /** Add a presignature made for `keyId`. */
  add(keyId: string, entry: PooledPresig): void {
    let list = this.#pools.get(keyId);
    if (!list) this.#pools.set(keyId, (list = []));
    list.push(entry);
  }

  /** Presignatures ready for `keyId`. */
  size(keyId: string): number {
    return this.#pools.get(keyId)?.length ?? 0;
  }

  /** Presignatures of `keyId` that `node` is a signer of. */
  level(keyId: string, node: number): number {
    return (this.#pools.get(keyId) ?? []).reduce((n, e) => n + (e.signers.includes(node) ? 1 : 0), 0);
  }

  /** Remove and return the oldest entry whose signers all pass `usable`. */
  take(keyId: string, usable: (signer: number) => boolean): PooledPresig | undefined {
    const list = this.#pools.get(keyId);
    const i = list?.findIndex((e) => e.signers.every(usable)) ?? -1;
    return i < 0 ? undefined : list!.splice(i, 1)[0];
  }
}
