/**
 * Error codes raised by the transport room. The lead merges them into the
 * central registry (src/core/errors.ts); codes are never reused.
 */
import type { ErrorSpec } from '../core/errors.ts';
import { GRPC_STATUS } from '../core/grpc-status.ts';

const { INVALID_ARGUMENT, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, FAILED_PRECONDITION, INTERNAL, UNAVAILABLE, UNAUTHENTICATED } = GRPC_STATUS;

/** Transport codes: frames, replay window, peer streams, TLS material. */
export const TRANSPORT_ERRORS = {
  SIGIL_E_FRAME_TOO_LARGE: { message: 'a frame exceeds the size limit', httpStatus: 413, grpcStatus: RESOURCE_EXHAUSTED },
  SIGIL_E_FRAME_TOO_MANY_ENVELOPES: { message: 'a frame carries too many envelopes', httpStatus: 413, grpcStatus: RESOURCE_EXHAUSTED },
  SIGIL_E_FRAME_MALFORMED: { message: 'a frame could not be decoded', httpStatus: 400, grpcStatus: INVALID_ARGUMENT },
  SIGIL_E_ENVELOPE_INVALID: { message: 'an envelope field is out of range', httpStatus: 400, grpcStatus: INVALID_ARGUMENT },
  SIGIL_E_ENVELOPE_REPLAYED: { message: 'an envelope was replayed or reordered', httpStatus: 409, grpcStatus: FAILED_PRECONDITION },
  SIGIL_E_PEER_UNAVAILABLE: { message: 'the peer is not reachable', httpStatus: 503, grpcStatus: UNAVAILABLE },
  SIGIL_E_PEER_DEADLINE: { message: 'the peer did not answer in time', httpStatus: 504, grpcStatus: DEADLINE_EXCEEDED },
  SIGIL_E_PEER_UNAUTHENTICATED: { message: 'the peer presented no valid certificate', httpStatus: 401, grpcStatus: UNAUTHENTICATED },
  SIGIL_E_TLS_MATERIAL: { message: 'TLS certificates or keys are missing or unusable', httpStatus: 500, grpcStatus: INTERNAL },
} as const satisfies Record<string, ErrorSpec>;

/** A transport error code. */
export type TransportErrorCode = keyof typeof TRANSPORT_ERRORS;
