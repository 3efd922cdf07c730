/**
 * Keeps each ECDSA key's presignature pool topped up: presigning sessions on
 * `t` healthy signers, the signer set rotating from one session to the next,
 * a few sessions in parallel. A set whose session fails (a node died, timed
 * out or cheated) is left out for a while and the refill moves on to another
 * set; after repeated failures in a row the refill stops until the next
 * trigger (a signature that leaves the pool low, a new key, a restart).
 */
import { SigilError, toHex } from '../core/index.ts';
import { decodeEcdsaPresignResult } from '../cluster/index.ts';
import type { KeyRecord } from '../store/index.ts';
import type { ClusterPort } from './cluster-port.ts';
import type { PresignPool } from './presign-pool.ts';

/** Refill settings. */
export interface RefillSettings {
  /** Presignatures kept ready per key. */
  readonly target: number;
  /** Presigning sessions run at once per key. */
  readonly concurrency: number;
  /** Deadline of one presigning session. */
  readonly timeoutMs: number;
}

/** Failures in a row after which a refill gives up until triggered again. */
const MAX_FAILURES = 6;
/** How long a node blamed by a failed session is left out of new signer sets. */
const COOLDOWN_MS = 5_000;

/** Runs presigning sessions into a PresignPool. */
export class PresignRefiller {
  readonly #cluster: ClusterPort;
  readonly #pool: PresignPool;
  readonly #settings: RefillSettings;
  readonly #running = new Map<string, Promise<void>>();
  readonly #rotation = new Map<string, number>();
  readonly #cooldown = new Map<number, number>();
  #closed = false;

  constructor(cluster: ClusterPort, pool: PresignPool, settings: RefillSettings) {
    this.#cluster = cluster;
    this.#pool = pool;
    this.#settings = settings;
  }

  /** The configured target per key. */
  get target(): number {
    return this.#settings.target;
  }

  /** Stop starting sessions (the coordinator is stopping). */
  close(): void {
    this.#closed = true;
  }

  /**
   * Fill `key`'s pool up to `upTo` (default and cap: the target). Resolves
   * when the level is reached or the refill gives up; never rejects. A
   * refill already running for the key is joined.
   */
  refill(key: KeyRecord, upTo?: number): Promise<void> {
    const running = this.#running.get(key.id);
    if (running) return running;
    const target = Math.min(upTo ?? this.#settings.target, this.#settings.target);
    const p = this.#fill(key, target).finally(() => this.#running.delete(key.id));
    this.#running.set(key.id, p);
    return p;
  }

  /** The next signer set: `t` healthy parties not cooling down, rotated per session. */
  nextSigners(key: KeyRecord, excluded: ReadonlySet<number> = new Set()): number[] | undefined {
    const now = Date.now();
    const candidates = key.parties.filter((p) => !excluded.has(p) && this.#cluster.healthy(p) && (this.#cooldown.get(p) ?? 0) <= now);
    if (candidates.length < key.t) return undefined;
    const r = this.#rotation.get(key.id) ?? 0;
    this.#rotation.set(key.id, r + 1);
    return Array.from({ length: key.t }, (_, i) => candidates[(r + i) % candidates.length]!).sort((a, b) => a - b);
  }

  async #fill(key: KeyRecord, target: number): Promise<void> {
    let inflight = 0;
    let failures = 0;
    const worker = async (): Promise<void> => {
      while (!this.#closed && failures < MAX_FAILURES && this.#pool.size(key.id) + inflight < target) {
        const signers = this.nextSigners(key);
        if (!signers) return;
        inflight++;
        try {
          await this.#presign(key, signers);
          failures = 0;
        } catch (err) {
          failures++;
          const culprits = err instanceof SigilError ? err.culprits : [];
          for (const c of culprits) this.#cooldown.set(c, Date.now() + COOLDOWN_MS);
          await new Promise((r) => setTimeout(r, 100 * failures));
        } finally {
          inflight--;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.#settings.concurrency) }, worker));
  }

  /** One presigning session on `signers`; its presignature joins the pool when every signer agrees on it. */
  async #presign(key: KeyRecord, signers: readonly number[]): Promise<void> {
    const results = await this.#cluster.runSession('presign', 'ecdsa.presign', key.id, signers, {}, { timeoutMs: this.#settings.timeoutMs });
    const decoded = signers.map((s) => decodeEcdsaPresignResult(results.get(s)!));
    const first = decoded[0]!;
    const disagree = signers.filter((_, i) => toHex(decoded[i]!.presigId) !== toHex(first.presigId) || toHex(decoded[i]!.publicPresig) !== toHex(first.publicPresig));
    if (disagree.length > 0) throw new SigilError('SIGIL_E_ABORTED', 'signers disagree on the presignature', disagree);
    this.#pool.add(key.id, { presigId: toHex(first.presigId), signers: [...signers], publicPresig: first.publicPresig });
  }
}
