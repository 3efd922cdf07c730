/**
 * End-to-end protection of protocol bundles between nodes: each bundle is
 * sealed to the recipient's X25519 key and signed with the sender's Ed25519
 * identity, bound to (session, round, from, to, seq); receivers verify, open
 * and reject replays and reorders (strictly increasing seq per session and sender).
 */
import { SigilError, u16le, utf8, type Core } from '../core/index.ts';
import { ReplayWindow, type WireEnvelope } from '../transport/index.ts';

function u64le(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true);
  return out;
}

/** A node's sealing endpoint. */
export class SecureChannel {
  readonly #core: Core;
  readonly #me: number;
  readonly #identity: Uint8Array;
  readonly #peers = new Map<number, Uint8Array>();
  readonly #seq = new Map<string, number>();
  readonly #replay = new ReplayWindow();

  /** @param identity this node's secret identity blob (opaque). */
  constructor(core: Core, me: number, identity: Uint8Array) {
    this.#core = core;
    this.#me = me;
    this.#identity = identity;
  }

  /** Learn (or confirm) a peer's public identity. A changed identity is refused. */
  setPeer(node: number, publicIdentity: Uint8Array): void {
    const known = this.#peers.get(node);
    if (known && Buffer.compare(known, publicIdentity) !== 0) {
      throw new SigilError('SIGIL_E_UNKNOWN_PARTY', `node ${node} presented a different identity`, [node]);
    }
    this.#peers.set(node, publicIdentity);
  }

  #peer(node: number): Uint8Array {
    const id = this.#peers.get(node);
    if (!id) throw new SigilError('SIGIL_E_UNKNOWN_PARTY', `no identity known for node ${node}`, [node]);
    return id;
  }

  /** Seal a bundle for `to`. */
  seal(session: string, round: number, to: number, bundle: Uint8Array): WireEnvelope {
    const key = `${session}/${to}`;
    const seq = (this.#seq.get(key) ?? 0) + 1;
    this.#seq.set(key, seq);
    const sid = utf8(session);
    const [payload, signature] = this.#core.call('wire.seal_envelope', [
      this.#identity, this.#peer(to), sid, u16le(round), u16le(this.#me), u16le(to), u64le(seq), bundle,
    ]);
    return { sessionId: sid, round, from: this.#me, to, seq, payload: payload!, signature: signature! };
  }

  /** Drop the counters of a finished session (its host is gone, so late envelopes are dropped anyway). */
  endSession(session: string): void {
    for (const key of this.#seq.keys()) if (key.startsWith(`${session}/`)) this.#seq.delete(key);
    this.#replay.forget(utf8(session));
  }

  /**
   * Verify and open a bundle addressed to this node.
   * @throws {SigilError} SIGIL_E_SIGNATURE_INVALID (tampered or forged), SIGIL_E_UNKNOWN_PARTY (unknown sender), replay codes.
   */
  open(env: WireEnvelope): { session: string; bundle: Uint8Array } {
    if (env.to !== this.#me) throw new SigilError('SIGIL_E_UNKNOWN_PARTY', `envelope for node ${env.to} reached node ${this.#me}`, [env.from]);
    const [bundle, seqBytes] = this.#core.call('wire.open_envelope', [
      this.#identity, this.#peer(env.from), env.sessionId, u16le(env.round), u16le(env.from), u16le(env.to), env.payload, env.signature,
    ]);
    const seq = Number(new DataView(seqBytes!.buffer, seqBytes!.byteOffset, 8).getBigUint64(0, true));
    const session = Buffer.from(env.sessionId).toString('utf8');
    this.#replay.accept(env.sessionId, env.from, seq);
    return { session, bundle: bundle! };
  }
}

