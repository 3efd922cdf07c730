/** The crypto-core room: loading the Rust core and typed wrappers over its ops. */
export type { BackendName, CoreBackend } from './backend.ts';
export { Core } from './core.ts';
export { loadCore } from './load.ts';
export { SigilError, ERRORS, CORE_ERRORS, BINDING_ERRORS } from './errors.ts';
export type { ErrorCode, ErrorSpec } from './errors.ts';
export { encodeList, decodeList, decodeResult } from './frame.ts';
export * as bigint from './bigint.ts';
export * as paillier from './paillier.ts';
export * as curve from './curve.ts';
export * as shamir from './shamir.ts';
export type { CurveName } from './curve.ts';
export { CURVES } from './curve.ts';
export { u16le, u32le, readU16le, bigToBytes, bytesToBig, utf8, toHex, fromHex } from './bytes.ts';
