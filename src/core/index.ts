/** The crypto-core room: loading the Rust core and typed wrappers over its ops. */
export type { BackendName, CoreBackend } from './backend.ts';
export { Core } from './core.ts';
export { loadCore } from './load.ts';
export { SigilError, ERRORS, CORE_ERRORS, BINDING_ERRORS } from './errors.ts';
export type { ErrorCode, ErrorSpec } from './errors.ts';
export { encodeList, decodeList, decodeResult } from './frame.ts';
