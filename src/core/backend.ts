/** The interface every compiled form of the core (napi addon, wasm) offers. */

/** Name of a core backend. */
export type BackendName = 'native' | 'wasm';

/** A loaded core: runs ops on framed bytes. */
export interface CoreBackend {
  /** Which compiled form this is. */
  readonly name: BackendName;
  /** Run an op on the calling thread; returns the raw result frame. */
  callRaw(op: string, input: Uint8Array): Uint8Array;
  /** Run an op off the JS thread where the backend can (native); the result frame. */
  callRawAsync(op: string, input: Uint8Array, signal?: AbortSignal): Promise<Uint8Array>;
}
