/**
 * The central error registry: every `SIGIL_E_*` code with its message, HTTP
 * status and gRPC status. Codes from the Rust core (crates/math/src/error.rs)
 * are mirrored here; a test checks both lists agree. Retired codes are never
 * reused.
 */
import { STORE_ERRORS } from '../store/errors.ts';
import { TRANSPORT_ERRORS } from '../transport/errors.ts';
import { GRPC_STATUS } from './grpc-status.ts';

/** One registry entry. */
export interface ErrorSpec {
  readonly message: string;
  readonly httpStatus: number;
  readonly grpcStatus: number;
}

const { INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION, ABORTED, UNIMPLEMENTED, INTERNAL, UNAVAILABLE } = GRPC_STATUS;

/** Codes raised by the Rust core. */
export const CORE_ERRORS = {
  SIGIL_E_INVALID_LENGTH: { message: 'an input has the wrong length', httpStatus: 400, grpcStatus: INVALID_ARGUMENT },
  SIGIL_E_INVALID_SCALAR: { message: 'a scalar is out of range', httpStatus: 400, grpcStatus: INVALID_ARGUMENT },
  SIGIL_E_INVALID_POINT: { message: 'a point is not on the curve', httpStatus: 400, grpcStatus: INVALID_ARGUMENT },
  SIGIL_E_IDENTITY_POINT: { message: 'a point is the identity', httpStatus: 400, grpcStatus: INVALID_ARGUMENT },
  SIGIL_E_SMALL_ORDER_POINT: { message: 'a point has small order', httpStatus: 400, grpcStatus: INVALID_ARGUMENT },
  SIGIL_E_NON_CANONICAL: { message: 'an encoding is not canonical', httpStatus: 400, grpcStatus: INVALID_ARGUMENT },
  SIGIL_E_INVALID_MODULUS: { message: 'a modulus is unusable', httpStatus: 400, grpcStatus: INVALID_ARGUMENT },
  SIGIL_E_INVALID_CIPHERTEXT: { message: 'a Paillier ciphertext is invalid', httpStatus: 400, grpcStatus: INVALID_ARGUMENT },
  SIGIL_E_NOT_INVERTIBLE: { message: 'a value has no modular inverse', httpStatus: 400, grpcStatus: INVALID_ARGUMENT },
  SIGIL_E_INVALID_ARGUMENT: { message: 'an argument is invalid', httpStatus: 400, grpcStatus: INVALID_ARGUMENT },
  SIGIL_E_MALFORMED: { message: 'a frame, state or message could not be decoded', httpStatus: 400, grpcStatus: INVALID_ARGUMENT },
  SIGIL_E_UNKNOWN_OP: { message: 'the core has no such operation', httpStatus: 501, grpcStatus: UNIMPLEMENTED },
  SIGIL_E_INVALID_SHARE: { message: 'a share does not match its commitments', httpStatus: 409, grpcStatus: ABORTED },
  SIGIL_E_INVALID_THRESHOLD: { message: 'threshold or party count out of range', httpStatus: 400, grpcStatus: INVALID_ARGUMENT },
  SIGIL_E_UNKNOWN_PARTY: { message: 'a party is not part of the session', httpStatus: 400, grpcStatus: INVALID_ARGUMENT },
  SIGIL_E_DUPLICATE_PARTY: { message: 'a party appears twice', httpStatus: 400, grpcStatus: INVALID_ARGUMENT },
  SIGIL_E_PROOF_FAILED: { message: 'a zero-knowledge proof did not verify', httpStatus: 409, grpcStatus: ABORTED },
  SIGIL_E_ABORTED: { message: 'the protocol aborted', httpStatus: 409, grpcStatus: ABORTED },
  SIGIL_E_NONCE_REUSED: { message: 'a one-time value was used twice', httpStatus: 409, grpcStatus: FAILED_PRECONDITION },
  SIGIL_E_UNSUPPORTED_VERSION: { message: 'unsupported format version', httpStatus: 400, grpcStatus: INVALID_ARGUMENT },
  SIGIL_E_WRONG_ROUND: { message: 'a message arrived for the wrong round', httpStatus: 409, grpcStatus: FAILED_PRECONDITION },
  SIGIL_E_SIGNATURE_INVALID: { message: 'a produced signature did not verify', httpStatus: 500, grpcStatus: INTERNAL },
  SIGIL_E_BUG: { message: 'internal error', httpStatus: 500, grpcStatus: INTERNAL },
} as const satisfies Record<string, ErrorSpec>;

/** Codes raised by the TypeScript side of the core boundary. */
export const BINDING_ERRORS = {
  SIGIL_E_CORE_UNAVAILABLE: { message: 'no crypto core could be loaded', httpStatus: 503, grpcStatus: UNAVAILABLE },
  SIGIL_E_CORE_CRASHED: { message: 'the crypto core trapped', httpStatus: 500, grpcStatus: INTERNAL },
  SIGIL_E_BAD_FRAME: { message: 'the core returned an unreadable frame', httpStatus: 500, grpcStatus: INTERNAL },
  SIGIL_E_NOT_FOUND: { message: 'no such resource', httpStatus: 404, grpcStatus: NOT_FOUND },
  SIGIL_E_CONFLICT: { message: 'the resource already exists', httpStatus: 409, grpcStatus: ALREADY_EXISTS },
  SIGIL_E_BAD_REQUEST: { message: 'the request is malformed', httpStatus: 400, grpcStatus: INVALID_ARGUMENT },
  SIGIL_E_PAYLOAD_TOO_LARGE: { message: 'the request body is too large', httpStatus: 413, grpcStatus: INVALID_ARGUMENT },
} as const satisfies Record<string, ErrorSpec>;

/**
 * Every known code. The transport and store rooms keep their codes beside
 * their code (type-only imports back here, so no runtime cycle); the registry
 * is the union, and a test checks no code is defined twice.
 */
export const ERRORS: Record<string, ErrorSpec> = { ...CORE_ERRORS, ...BINDING_ERRORS, ...TRANSPORT_ERRORS, ...STORE_ERRORS };

/** A known error code. */
export type ErrorCode = keyof typeof CORE_ERRORS | keyof typeof BINDING_ERRORS | keyof typeof TRANSPORT_ERRORS | keyof typeof STORE_ERRORS;

/** The one error class that crosses every boundary as `{ code, message, culprits }`. */
export class SigilError extends Error {
  readonly code: string;
  readonly culprits: readonly number[];

  constructor(code: string, message?: string, culprits: readonly number[] = []) {
    super(message ?? ERRORS[code]?.message ?? code);
    this.name = 'SigilError';
    this.code = code;
    this.culprits = culprits;
  }

  /** HTTP status for this code (500 for an unknown code). */
  get httpStatus(): number {
    return ERRORS[this.code]?.httpStatus ?? 500;
  }

  /** gRPC status for this code (INTERNAL for an unknown code). */
  get grpcStatus(): number {
    return ERRORS[this.code]?.grpcStatus ?? INTERNAL;
  }

  /** The plain shape that crosses threads, processes and APIs. */
  toJSON(): { code: string; message: string; culprits: readonly number[] } {
    return { code: this.code, message: this.message, culprits: this.culprits };
  }
}
