/**
 * Replay and reorder protection: per (session, sender) the accepted `seq`
 * must strictly increase. Feed it the seq that `wire.open_envelope` returns
 * (authenticated), never the clear routing field.
 */
import { SigilError } from '../core/errors.ts';

/** Strictly increasing sequence numbers per (session, sender). */
export class ReplayWindow {
  readonly #last = new Map<string, number>();
  readonly #maxSessions: number;

  /** @param maxSessions bound on tracked (session, sender) pairs; the oldest is evicted past it. */
  constructor(maxSessions = 100_000) {
    this.#maxSessions = maxSessions;
  }

  /**
   * Accept `seq` from `from` in `session`, or throw.
   * @throws {SigilError} SIGIL_E_ENVELOPE_REPLAYED when seq is not above the last accepted one.
   */
  accept(session: Uint8Array, from: number, seq: number): void {
    const key = `${Buffer.from(session).toString('hex')}/${from}`;
    const last = this.#last.get(key);
    if (last !== undefined && seq <= last) {
      throw new SigilError('SIGIL_E_ENVELOPE_REPLAYED', `seq ${seq} from party ${from} is not above ${last}`);
    }
    this.#last.delete(key);
    this.#last.set(key, seq);
    if (this.#last.size > this.#maxSessions) {
      const oldest = this.#last.keys().next().value;
      if (oldest !== undefined) this.#last.delete(oldest);
    }
  }

  /** Forget a finished session (all senders). */
  forget(session: Uint8Array): void {
    const prefix = `${Buffer.from(session).toString('hex')}/`;
    for (const key of this.#last.keys()) if (key.startsWith(prefix)) this.#last.delete(key);
  }

  /** Tracked (session, sender) pairs. */
  get size(): number {
    return this.#last.size;
  }
}
