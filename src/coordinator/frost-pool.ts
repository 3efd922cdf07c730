/**
 * The coordinator's pool of FROST nonce commitments: per key and node, the
 * public commitments of nonces the node holds. Each entry is handed out
 * once; the node enforces single use again when it signs.
 */

/** One commitment the coordinator may assign to a signature. */
export interface PooledCommitment {
  readonly nonceId: string;
  readonly commitments: Uint8Array;
}

/** Commitments by key and node. */
export class CommitmentPool {
  readonly #pools = new Map<string, Map<number, PooledCommitment[]>>();

  /** Add commitments a node generated for a key. */
  add(keyId: string, node: number, items: readonly PooledCommitment[]): void {
    let byNode = this.#pools.get(keyId);
    if (!byNode) this.#pools.set(keyId, (byNode = new Map()));
    const list = byNode.get(node) ?? [];
    list.push(...items);
    byNode.set(node, list);
  }

  /** How many commitments `node` has ready for `keyId`. */
  level(keyId: string, node: number): number {
    return this.#pools.get(keyId)?.get(node)?.length ?? 0;
  }

  /** Remove and return one commitment of `node` for `keyId`. */
  take(keyId: string, node: number): PooledCommitment | undefined {
    return this.#pools.get(keyId)?.get(node)?.shift();
  }

  /** Levels of every node for a key. */
  levels(keyId: string): Map<number, number> {
    return new Map([...(this.#pools.get(keyId) ?? new Map<number, PooledCommitment[]>())].map(([n, l]) => [n, l.length]));
  }

  /** Forget a node's commitments (it restarted or failed). */
  dropNode(node: number): void {
    for (const byNode of this.#pools.values()) byNode.delete(node);
  }
}
