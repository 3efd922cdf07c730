/**
 * The engine: a Piscina pool of worker threads, one per core by default,
 * each with its own copy of the crypto core. Calls made in the same tick are
 * batched into one task per worker, so many sessions' round computations
 * cost one thread hop.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { SigilError } from '../core/index.ts';
import type { CoreCall, CoreOutcome } from './messages.ts';

/** Engine options. */
export interface EngineOptions {
  /** Worker threads (default: available parallelism). */
  readonly threads?: number;
  /** Most calls in one task (default 64). */
  readonly maxBatch?: number;
  /** Force a core backend in the workers ('native' | 'wasm'). */
  readonly backend?: string;
}

interface Pending {
  readonly call: CoreCall;
  readonly resolve: (items: Uint8Array[]) => void;
  readonly reject: (err: SigilError) => void;
}

function validate(options: EngineOptions): void {
  const { threads, maxBatch } = options;
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 256)) {
    throw new RangeError(`threads must be an integer in [1, 256], got ${threads}`);
  }
  if (maxBatch !== undefined && (!Number.isInteger(maxBatch) || maxBatch < 1 || maxBatch > 4096)) {
    throw new RangeError(`maxBatch must be an integer in [1, 4096], got ${maxBatch}`);
  }
}

/** A pool of core workers with per-tick batching. */
export class Engine {
  readonly #pool: Piscina;
  readonly #maxBatch: number;
  readonly #backend: string | undefined;
  #queue: Pending[] = [];
  #scheduled = false;

  /** @throws {RangeError} for out-of-range options. */
  constructor(options: EngineOptions = {}) {
    validate(options);
    const threads = options.threads ?? availableParallelism();
    this.#maxBatch = options.maxBatch ?? 64;
    this.#backend = options.backend;
    this.#pool = new Piscina({
      filename: new URL('./worker.mjs', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
    });
  }

  /**
   * Run one core op on a worker.
   * @throws {SigilError} the core's typed error.
   */
  run(op: string, args: readonly Uint8Array[]): Promise<Uint8Array[]> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ call: { op, args }, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  /** Queue depth and worker utilisation, for metrics. */
  get stats(): { queued: number; threads: number; utilization: number } {
    return { queued: this.#pool.queueSize, threads: this.#pool.threads.length, utilization: this.#pool.utilization };
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    await this.#pool.close();
  }

  #flush(): void {
    this.#scheduled = false;
    const queue = this.#queue;
    this.#queue = [];
    // Spread a tick's calls over the workers, at most maxBatch per task.
    const workers = Math.max(1, this.#pool.threads.length);
    const size = Math.min(this.#maxBatch, Math.max(1, Math.ceil(queue.length / workers)));
    for (let i = 0; i < queue.length; i += size) this.#dispatch(queue.slice(i, i + size));
  }

  #dispatch(batch: Pending[]): void {
    const task = { backend: this.#backend, calls: batch.map((p) => p.call) };
    this.#pool.run(task).then(
      (outcomes: CoreOutcome[]) => {
        batch.forEach((p, i) => {
          const o = outcomes[i];
          if (!o) p.reject(new SigilError('SIGIL_E_BUG', 'worker returned too few outcomes'));
          else if (o.ok) p.resolve(o.items);
          else p.reject(new SigilError(o.error.code, o.error.message, o.error.culprits));
        });
      },
      (err: unknown) => {
        for (const p of batch) p.reject(new SigilError('SIGIL_E_CORE_CRASHED', `worker failed: ${(err as Error).message}`));
      },
    );
  }
}
