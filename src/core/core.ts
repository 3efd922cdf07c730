/** A loaded core with typed byte-level calls: the only way TS reaches Rust. */
import type { BackendName, CoreBackend } from './backend.ts';
import { decodeResult, encodeList } from './frame.ts';

/** The crypto core: ops on opaque bytes. */
export class Core {
  readonly #backend: CoreBackend;

  constructor(backend: CoreBackend) {
    this.#backend = backend;
  }

  /** Which compiled form serves this core. */
  get backend(): BackendName {
    return this.#backend.name;
  }

  /**
   * Run an op on the calling thread.
   * @throws {SigilError} the core's typed error.
   */
  call(op: string, args: readonly Uint8Array[] = []): Uint8Array[] {
    return decodeResult(this.#backend.callRaw(op, encodeList(args)));
  }

  /**
   * Run an op off the JS thread where possible.
   * @throws {SigilError} the core's typed error.
   */
  async callAsync(op: string, args: readonly Uint8Array[] = [], signal?: AbortSignal): Promise<Uint8Array[]> {
    return decodeResult(await this.#backend.callRawAsync(op, encodeList(args), signal));
  }

  /**
   * Run an op off the JS thread where possible (the `OpRunner` shape).
   * @throws {SigilError} the core's typed error.
   */
  run(op: string, args: readonly Uint8Array[]): Promise<Uint8Array[]> {
    return this.callAsync(op, args);
  }

  /** Names of every op this core offers. */
  ops(): string[] {
    const dec = new TextDecoder();
    return this.call('core.ops').map((b) => dec.decode(b));
  }
}
