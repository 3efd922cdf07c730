/** The protocol room: descriptors of every protocol and the generic session runner. */
export * from './types.ts';
export { decodeStep, encodeInbound, encodeOutbound, decodeOutbound } from './wire.ts';
export { bundleOutbound, unbundle } from './bundle.ts';
export { RoundCollector } from './collector.ts';
export { SessionHost } from './host.ts';
export type { HostSink, HostStatus } from './host.ts';
export { runLocal } from './local.ts';
export type { InFlight, LocalRunOptions, LocalRunResult } from './local.ts';
export * from './frost.ts';
export { OneTimePool } from './nonce-pool.ts';
export * from './ecdsa.ts';
