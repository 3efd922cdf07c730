/**
 * One-time values (FROST nonces, ECDSA presignatures) held for later use.
 * `take` removes a value before returning it, so a second take of the same
 * id fails closed with SIGIL_E_NONCE_REUSED. A durable store implements the
 * same contract with the mark written before the value is released.
 */
import { SigilError, toHex } from '../core/index.ts';

/** In-memory one-time value pool keyed by id (hex). */
export class OneTimePool {
  readonly #available = new Map<string, Uint8Array>();
  readonly #used = new Set<string>();

  /**
   * Add a value.
   * @throws {SigilError} SIGIL_E_NONCE_REUSED if the id was seen before.
   */
  put(id: Uint8Array, value: Uint8Array): void {
    const key = toHex(id);
    if (this.#available.has(key) || this.#used.has(key)) throw new SigilError('SIGIL_E_NONCE_REUSED', 'one-time value id already known');
    this.#available.set(key, value);
  }

  /**
   * Remove and return a value; it can never be taken again.
   * @throws {SigilError} SIGIL_E_NONCE_REUSED for a used id, SIGIL_E_NOT_FOUND for an unknown one.
   */
  take(id: Uint8Array): Uint8Array {
    const key = toHex(id);
    if (this.#used.has(key)) throw new SigilError('SIGIL_E_NONCE_REUSED', 'one-time value already used');
    const value = this.#available.get(key);
    if (!value) throw new SigilError('SIGIL_E_NOT_FOUND', 'no such one-time value');
    this.#available.delete(key);
    this.#used.add(key);
    return value;
  }

  /** How many values are ready. */
  get size(): number {
    return this.#available.size;
  }
}
