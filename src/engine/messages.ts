/** Messages between the engine and its worker threads, keyed by position. */

/** One core op to run. */
export interface CoreCall {
  readonly op: string;
  readonly args: readonly Uint8Array[];
}

/** A batch of calls run by one worker in one task. */
export interface CoreBatch {
  readonly backend?: string;
  readonly calls: readonly CoreCall[];
}

/** The error shape that crosses threads (never a raw Error). */
export interface WireError {
  readonly code: string;
  readonly message: string;
  readonly culprits: readonly number[];
}

/** The outcome of one call. */
export type CoreOutcome = { readonly ok: true; readonly items: Uint8Array[] } | { readonly ok: false; readonly error: WireError };
