/** The engine room: the worker pool that runs core ops off the main thread, batched. */
export { Engine } from './pool.ts';
export type { EngineOptions } from './pool.ts';
export type { CoreCall, CoreOutcome, WireError } from './messages.ts';
