/**
 * Error codes raised by the store room (merged by the lead into
 * src/core/errors.ts). The store also raises the registered
 * SIGIL_E_NOT_FOUND, SIGIL_E_CONFLICT and SIGIL_E_NONCE_REUSED.
 */
import type { ErrorSpec } from '../core/errors.ts';
import { GRPC_STATUS } from '../core/grpc-status.ts';

const { FAILED_PRECONDITION, INTERNAL, DATA_LOSS } = GRPC_STATUS;

/** Store codes. */
export const STORE_ERRORS = {
  SIGIL_E_STORE_SCHEMA: { message: 'the database schema is newer than this build', httpStatus: 500, grpcStatus: FAILED_PRECONDITION },
  SIGIL_E_STORE_INVALID: { message: 'a record to store is invalid', httpStatus: 500, grpcStatus: INTERNAL },
  SIGIL_E_ROOT_SECRET: { message: 'the root secret file is unusable', httpStatus: 500, grpcStatus: FAILED_PRECONDITION },
  SIGIL_E_AUDIT_CHAIN_BROKEN: { message: 'the audit log hash chain is broken', httpStatus: 500, grpcStatus: DATA_LOSS },
} as const satisfies Record<string, ErrorSpec>;

/** A store error code. */
export type StoreErrorCode = keyof typeof STORE_ERRORS;
