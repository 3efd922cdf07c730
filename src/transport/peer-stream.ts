/**
 * `PeerStream`: the `NodeService.Connect` bidirectional stream to one peer,
 * reopened with exponential backoff and jitter whenever it breaks.
 */
import type * as grpc from '@grpc/grpc-js';
import { SigilError } from '../core/errors.ts';
import type { WireFrame } from './frame.ts';

/** Reconnect and deadline policy of a `PeerStream`. */
export interface PeerStreamOptions {
  /** First retry delay (ms). */
  readonly initialBackoffMs: number;
  /** Largest retry delay (ms). */
  readonly maxBackoffMs: number;
  /** Growth factor per failed attempt. */
  readonly multiplier: number;
  /** Random spread, 0..1, applied to each delay. */
  readonly jitter: number;
  /** Deadline for the channel to become ready on each attempt (ms). */
  readonly connectDeadlineMs: number;
  /** Frames buffered while disconnected; more are refused. */
  readonly maxQueuedFrames: number;
}

/** Defaults: 100 ms doubling to 5 s with 20 % jitter, 5 s connect deadline, 1024 queued frames. */
export const DEFAULT_PEER_STREAM_OPTIONS: PeerStreamOptions = Object.freeze({
  initialBackoffMs: 100,
  maxBackoffMs: 5_000,
  multiplier: 2,
  jitter: 0.2,
  connectDeadlineMs: 5_000,
  maxQueuedFrames: 1024,
});

/** State of a peer stream. */
export type PeerState = 'connecting' | 'open' | 'backoff' | 'closed';

/** Callbacks of a `PeerStream`. */
export interface PeerStreamHandlers {
  /** A frame from the peer (decode with `decodeFrame`). */
  onFrame(frame: WireFrame): void;
  /** The stream is (re)open. */
  onOpen?(): void;
  /** The stream broke; it will reconnect after `retryInMs`. */
  onDown?(error: SigilError, retryInMs: number): void;
}

type FrameStream = grpc.ClientDuplexStream<WireFrame, WireFrame>;

/**
 * The `NodeService.Connect` stream to one peer, reopened with exponential
 * backoff whenever it breaks. Frames sent while it is down are queued (up to
 * a bound) and flushed on reconnect; frames in flight when it broke are lost,
 * and the session layer retries them.
 */
export class PeerStream {
  readonly #client: grpc.Client;
  readonly #handlers: PeerStreamHandlers;
  readonly #opts: PeerStreamOptions;
  readonly #queue: WireFrame[] = [];
  #stream: FrameStream | undefined;
  #state: PeerState = 'connecting';
  #attempt = 0;
  #timer: NodeJS.Timeout | undefined;

  /** @param client a NodeService client (from `ChannelPool.get`). */
  constructor(client: grpc.Client, handlers: PeerStreamHandlers, opts: Partial<PeerStreamOptions> = {}) {
    this.#client = client;
    this.#handlers = handlers;
    this.#opts = { ...DEFAULT_PEER_STREAM_OPTIONS, ...opts };
    this.#connect();
  }

  /** Current state. */
  get state(): PeerState {
    return this.#state;
  }

  /**
   * Send a frame now, or queue it while reconnecting.
   * @throws {SigilError} SIGIL_E_PEER_UNAVAILABLE when closed or the queue is full.
   */
  send(frame: WireFrame): void {
    if (this.#state === 'closed') throw new SigilError('SIGIL_E_PEER_UNAVAILABLE', 'the peer stream is closed');
    if (this.#state === 'open' && this.#stream) {
      this.#stream.write(frame);
      return;
    }
    if (this.#queue.length >= this.#opts.maxQueuedFrames) {
      throw new SigilError('SIGIL_E_PEER_UNAVAILABLE', `peer down and ${this.#queue.length} frames already queued`);
    }
    this.#queue.push(frame);
  }

  /**
   * Resolve once the stream is open.
   * @throws {SigilError} SIGIL_E_PEER_DEADLINE after `timeoutMs`.
   */
  async waitOpen(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.#state !== 'open') {
      if (this.#state === 'closed') throw new SigilError('SIGIL_E_PEER_UNAVAILABLE', 'the peer stream is closed');
      if (Date.now() > until) throw new SigilError('SIGIL_E_PEER_DEADLINE', `peer not open after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Close for good (no reconnect). */
  close(): void {
    this.#state = 'closed';
    clearTimeout(this.#timer);
    this.#stream?.end();
    this.#stream?.cancel();
    this.#stream = undefined;
    this.#queue.length = 0;
  }

  #connect(): void {
    this.#state = 'connecting';
    this.#client.waitForReady(Date.now() + this.#opts.connectDeadlineMs, (err) => {
      if (this.#state === 'closed') return;
      if (err) {
        this.#down(new SigilError('SIGIL_E_PEER_DEADLINE', 'peer channel not ready before the deadline'));
        return;
      }
      this.#open();
    });
  }

  #open(): void {
    const connect = (this.#client as unknown as { connect(): FrameStream }).connect.bind(this.#client);
    const stream = connect();
    this.#stream = stream;
    let failed = false;
    const fail = (e: unknown): void => {
      if (failed || this.#stream !== stream || this.#state === 'closed') return;
      failed = true;
      const code = (e as { code?: number } | undefined)?.code;
      this.#down(new SigilError('SIGIL_E_PEER_UNAVAILABLE', `peer stream ended${code === undefined ? '' : ` (grpc ${code})`}`));
    };
    stream.on('data', (frame: WireFrame) => this.#handlers.onFrame(frame));
    stream.on('error', fail);
    stream.on('end', () => fail(undefined));
    this.#state = 'open';
    this.#attempt = 0;
    for (const frame of this.#queue.splice(0)) stream.write(frame);
    this.#handlers.onOpen?.();
  }

  #down(error: SigilError): void {
    this.#stream = undefined;
    const base = Math.min(this.#opts.maxBackoffMs, this.#opts.initialBackoffMs * this.#opts.multiplier ** this.#attempt);
    const delay = Math.round(base * (1 + this.#opts.jitter * (2 * Math.random() - 1)));
    this.#attempt += 1;
    this.#state = 'backoff';
    this.#handlers.onDown?.(error, delay);
    this.#timer = setTimeout(() => this.#connect(), delay);
  }
}
