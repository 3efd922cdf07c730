/**
 * The coordinator's side of one node: a self-healing stream, envelopes of a
 * tick batched into one frame, request/reply by id, and upcalls for what the
 * node reports (hello, session outcomes, bundles to relay).
 */
import type * as grpc from '@grpc/grpc-js';
import { SigilError } from '../core/index.ts';
import { COORDINATOR, FrameOutbox, controlEnvelope, decodeControl, isControl, type Control } from '../cluster/index.ts';
import { PeerStream, decodeFrame, type WireEnvelope } from '../transport/index.ts';

/** What a link reports upward. */
export interface LinkEvents {
  hello(node: number, identity: Uint8Array): void;
  sessionDone(node: number, session: string, result: Uint8Array): void;
  sessionFailed(node: number, session: string, error: SigilError): void;
  /** A sealed bundle for another node. */
  relay(env: WireEnvelope): void;
  /** The stream broke or was closed (sessions with this node cannot finish). */
  down?(node: number, error: SigilError): void;
}

interface Pending {
  resolve(body: Readonly<Record<string, unknown>>): void;
  reject(err: SigilError): void;
  timer: NodeJS.Timeout;
}

/** One node as the coordinator sees it. */
export class NodeLink {
  readonly id: number;
  readonly address: string;
  readonly #stream: PeerStream;
  readonly #events: LinkEvents;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  readonly #outbox = new FrameOutbox((frame) => {
    try {
      this.#stream.send(frame);
    } catch (err) {
      this.#failAll(err instanceof SigilError ? err : new SigilError('SIGIL_E_PEER_UNAVAILABLE', String(err)));
    }
  });
  #identity: Uint8Array | undefined;
  #lastSeen: number | undefined;

  constructor(id: number, address: string, client: grpc.Client, events: LinkEvents) {
    this.id = id;
    this.address = address;
    this.#events = events;
    this.#stream = new PeerStream(client, {
      onFrame: (frame) => this.#onFrame(frame),
      onDown: (err) => this.#failAll(err),
    });
  }

  /** Whether the node is connected and has said hello. */
  get healthy(): boolean {
    return this.#stream.state === 'open' && this.#identity !== undefined;
  }

  /** The node's public identity, once known. */
  get identity(): Uint8Array | undefined {
    return this.#identity;
  }

  /** Time of the last frame from the node. */
  get lastSeen(): number | undefined {
    return this.#lastSeen;
  }

  /** Resolve when the node has said hello. */
  async ready(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.healthy) {
      if (Date.now() > until) throw new SigilError('SIGIL_E_PEER_DEADLINE', `node ${this.id} did not come up`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Queue an envelope; the tick's envelopes leave as one frame. */
  send(env: WireEnvelope): void {
    this.#outbox.push(env);
  }

  /** Send a control message. */
  control(msg: Control): void {
    this.send(controlEnvelope(COORDINATOR, this.id, msg));
  }

  /**
   * Ask the node to run a request.
   * @throws {SigilError} the node's error, or SIGIL_E_PEER_DEADLINE / SIGIL_E_PEER_UNAVAILABLE.
   */
  request(op: string, body: Readonly<Record<string, unknown>>, timeoutMs = 10_000): Promise<Readonly<Record<string, unknown>>> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new SigilError('SIGIL_E_PEER_DEADLINE', `node ${this.id} did not answer ${op}`, [this.id]));
      }, timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      this.control({ type: 'request', id, op, body });
    });
  }

  /** Close the stream. */
  close(): void {
    this.#stream.close();
    this.#failAll(new SigilError('SIGIL_E_PEER_UNAVAILABLE', 'link closed'));
  }

  #failAll(err: SigilError): void {
    const wasUp = this.#identity !== undefined;
    this.#identity = undefined;
    if (wasUp) this.#events.down?.(this.id, err);
    for (const [id, p] of this.#pending) {
      clearTimeout(p.timer);
      p.reject(new SigilError(err.code, `node ${this.id}: ${err.message}`, [this.id]));
      this.#pending.delete(id);
    }
  }

  #onFrame(frame: Parameters<typeof decodeFrame>[0]): void {
    let envelopes: WireEnvelope[];
    try {
      envelopes = decodeFrame(frame);
    } catch {
      return;
    }
    this.#lastSeen = Date.now();
    for (const env of envelopes) {
      if (env.from !== this.id) continue; // a node speaks only for itself
      if (isControl(env)) this.#onControl(env);
      else this.#events.relay(env);
    }
  }

  #onControl(env: WireEnvelope): void {
    let msg: Control;
    try {
      msg = decodeControl(env.payload);
    } catch {
      return;
    }
    switch (msg.type) {
      case 'hello':
        if (msg.node !== this.id) return;
        this.#identity = msg.identity;
        this.#events.hello(this.id, msg.identity);
        return;
      case 'done':
        this.#events.sessionDone(this.id, msg.session, msg.result);
        return;
      case 'failed':
        this.#events.sessionFailed(this.id, msg.session, new SigilError(msg.code, msg.message, msg.culprits));
        return;
      case 'reply': {
        const p = this.#pending.get(msg.id);
        if (!p) return;
        this.#pending.delete(msg.id);
        clearTimeout(p.timer);
        if (msg.ok) p.resolve(msg.body ?? {});
        else p.reject(new SigilError(msg.error?.code ?? 'SIGIL_E_BUG', msg.error?.message ?? 'request failed', msg.error?.culprits ?? []));
        return;
      }
      default:
        return;
    }
  }
}
