/** The cluster room: what coordinator and nodes say to each other outside protocol rounds. */
export { encodeControl, decodeControl } from './control.ts';
export type { Control, Hello, Directory, StartSession, SessionDone, SessionFailed, Request, Reply } from './control.ts';
export { COORDINATOR, controlEnvelope, isControl } from './envelopes.ts';
export { SecureChannel } from './secure.ts';
export { encodeFrostResult, decodeFrostResult } from './results.ts';
export type { FrostKeyResult } from './results.ts';
export { FrameOutbox } from './outbox.ts';
export { encodeEcdsaKeyResult, decodeEcdsaKeyResult, encodeEcdsaPresignResult, decodeEcdsaPresignResult } from './ecdsa-results.ts';
export type { EcdsaKeyResult, EcdsaPresignResult } from './ecdsa-results.ts';
