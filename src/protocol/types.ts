/**
 * The shape every protocol has, whatever its family: pure round functions
 * over an opaque state blob. TypeScript routes messages and keeps state; it
 * never looks inside either.
 */

/** Party identifier (1-based). */
export type PartyId = number;

/** Recipient id meaning "every other party". */
export const BROADCAST = 0xffff;

/** A message a party sends: to one party, or broadcast. */
export interface Outbound {
  readonly to: PartyId | typeof BROADCAST;
  readonly payload: Uint8Array;
}

/** A message a party receives. */
export interface Inbound {
  readonly from: PartyId;
  readonly payload: Uint8Array;
}

/** What one round function returns. */
export type Step =
  | { readonly done: false; readonly state: Uint8Array; readonly outbound: readonly Outbound[] }
  | { readonly done: true; readonly output: Uint8Array; readonly outbound: readonly Outbound[] };

/** Anything that runs core ops asynchronously: a `Core` or the worker-pool `Engine`. */
export interface OpRunner {
  run(op: string, args: readonly Uint8Array[]): Promise<Uint8Array[]>;
}

/**
 * A protocol as the runner sees it: how a party starts, and how it advances
 * on the messages of one round. `P` is the per-party start parameter.
 */
export interface ProtocolDescriptor<P> {
  /** Stable name, e.g. `ecdsa.presign`, `frost.sign`. */
  readonly name: string;
  /** Start a party's session. */
  start(ops: OpRunner, params: P): Promise<Step>;
  /** Advance a party with every message addressed to it for the current round. */
  step(ops: OpRunner, state: Uint8Array, inbound: readonly Inbound[]): Promise<Step>;
}
