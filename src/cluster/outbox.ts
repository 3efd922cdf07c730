/** Envelopes queued during one tick leave together as one frame. */
import { encodeFrame, type WireEnvelope, type WireFrame } from '../transport/index.ts';

/** A per-stream outbox that batches envelopes into frames. */
export class FrameOutbox {
  readonly #write: (frame: WireFrame) => void;
  #queue: WireEnvelope[] = [];
  #scheduled = false;

  /** @param write sends one encoded frame (may throw; the batch is then lost). */
  constructor(write: (frame: WireFrame) => void) {
    this.#write = write;
  }

  /** Queue an envelope for this tick's frame. */
  push(env: WireEnvelope): void {
    this.#queue.push(env);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      const batch = this.#queue;
      this.#queue = [];
      this.#write(encodeFrame(batch));
    });
  }
}
