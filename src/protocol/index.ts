/** The protocol room: descriptors of every protocol and the generic runners. */
export * from './types.ts';
export { decodeStep, encodeInbound, encodeOutbound, decodeOutbound } from './wire.ts';
export { runLocal } from './local.ts';
export type { InFlight, LocalRunOptions, LocalRunResult } from './local.ts';
export { bundleOutbound, unbundle } from './bundle.ts';
export { RoundCollector } from './collector.ts';
