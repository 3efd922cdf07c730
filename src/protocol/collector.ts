/**
 * Collects one bundle per peer per round for one party of one session, and
 * says when a round is complete. Rejects bundles from strangers, duplicates
 * (replays) and bundles for rounds already past (reorders).
 */
import { SigilError } from '../core/index.ts';
import type { PartyId } from './types.ts';

/** Bundles are accepted at most this many rounds ahead of the current one. */
const MAX_AHEAD = 2;

/** Per-session, per-party round bookkeeping. */
export class RoundCollector {
  readonly #peers: ReadonlySet<PartyId>;
  readonly #byRound = new Map<number, Map<PartyId, Uint8Array>>();
  #round = 1;

  /** @param peers every other party of the session. */
  constructor(peers: readonly PartyId[]) {
    this.#peers = new Set(peers);
  }

  /** The round the party is waiting to complete (1-based). */
  get round(): number {
    return this.#round;
  }

  /**
   * Accept one peer's bundle for `round`.
   * @throws {SigilError} SIGIL_E_UNKNOWN_PARTY, SIGIL_E_WRONG_ROUND (past or too far ahead), SIGIL_E_DUPLICATE_PARTY (replay).
   */
  add(round: number, from: PartyId, bundle: Uint8Array): void {
    if (!this.#peers.has(from)) throw new SigilError('SIGIL_E_UNKNOWN_PARTY', `party ${from} is not in this session`);
    if (!Number.isInteger(round) || round < this.#round || round > this.#round + MAX_AHEAD) {
      throw new SigilError('SIGIL_E_WRONG_ROUND', `bundle for round ${round} while at round ${this.#round}`, [from]);
    }
    let slot = this.#byRound.get(round);
    if (!slot) this.#byRound.set(round, (slot = new Map()));
    if (slot.has(from)) throw new SigilError('SIGIL_E_DUPLICATE_PARTY', `second bundle from ${from} for round ${round}`, [from]);
    slot.set(from, bundle);
  }

  /** Whether every peer's bundle for the current round is in. */
  get complete(): boolean {
    return (this.#byRound.get(this.#round)?.size ?? 0) === this.#peers.size;
  }

  /** Peers whose bundle for the current round is missing (for timeouts and blame). */
  missing(): PartyId[] {
    const slot = this.#byRound.get(this.#round);
    return [...this.#peers].filter((p) => !slot?.has(p));
  }

  /**
   * Take the current round's bundles and move to the next round.
   * @throws {SigilError} SIGIL_E_BUG when the round is not complete.
   */
  take(): Map<PartyId, Uint8Array> {
    const slot = this.#byRound.get(this.#round);
    if (!slot || slot.size !== this.#peers.size) throw new SigilError('SIGIL_E_BUG', 'round taken before complete');
    this.#byRound.delete(this.#round);
    this.#round += 1;
    return slot;
  }
}
