/** The store room: repositories for keys, sealed shares, one-time pools, sessions and the audit log. */
export type * from './types.ts';
export { STORE_ERRORS } from './errors.ts';
export type { StoreErrorCode } from './errors.ts';
export { canonicalJson } from './canonical.ts';
export { openSqliteStore, SqliteStore } from './sqlite/index.ts';
export type { SqliteStoreOptions } from './sqlite/index.ts';
export { MIGRATIONS, SCHEMA_VERSION } from './sqlite/migrations.ts';
export { loadOrCreateRootSecret, ROOT_SECRET_BYTES } from './root-secret.ts';
