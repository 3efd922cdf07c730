/**
 * The store's door: records and repository interfaces. Implementations:
 * SQLite (`sqlite/`, default) and, later, PostgreSQL. Every method is async so
 * both fit; secret material is stored only as sealed blobs (`wire.seal_share`).
 */

import type { SigilError } from '../core/errors.ts';

/** A key's public record. */
export interface KeyRecord {
  readonly id: string;
  readonly protocol: string;
  readonly curve: string;
  readonly t: number;
  readonly n: number;
  /** Node ids holding shares, ascending. */
  readonly parties: readonly number[];
  /** Group public key bytes. */
  readonly publicKey: Uint8Array;
  readonly label?: string;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
}

/** Keys. */
export interface KeyRepo {
  /** @throws {SigilError} SIGIL_E_CONFLICT when the id exists. */
  create(key: KeyRecord): Promise<void>;
  /** The key, or undefined. */
  get(id: string): Promise<KeyRecord | undefined>;
  /** Keys by id ascending, after `after`, at most `limit`. */
  list(opts?: { limit?: number; after?: string }): Promise<KeyRecord[]>;
}

/** Sealed key shares (opaque blobs). */
export interface ShareRepo {
  /** @throws {SigilError} SIGIL_E_CONFLICT when (key, party) exists. */
  put(keyId: string, party: number, sealed: Uint8Array): Promise<void>;
  /** The sealed blob, or undefined. */
  get(keyId: string, party: number): Promise<Uint8Array | undefined>;
}

/** A one-time value (presignature or FROST nonce), sealed. */
export interface OneTimeRecord {
  readonly id: string;
  readonly keyId: string;
  readonly blob: Uint8Array;
}

/**
 * Pools of one-time values. A value MUST be used at most once: `take*`
 * marks it used (and drops its blob) in the same committed transaction
 * before returning it, so it is durable before the caller releases anything.
 */
export interface OneTimeRepo {
  /** Add values to the pool. @throws {SigilError} SIGIL_E_CONFLICT for a known id. */
  add(values: readonly OneTimeRecord[]): Promise<void>;
  /** Take the oldest available value of a key, or undefined when the pool is empty. */
  takeAvailable(keyId: string): Promise<OneTimeRecord | undefined>;
  /**
   * Take a given value.
   * @throws {SigilError} SIGIL_E_NONCE_REUSED when already used, SIGIL_E_NOT_FOUND when unknown.
   */
  take(id: string): Promise<OneTimeRecord>;
  /**
   * Take several given values in one committed transaction (one durable write
   * for a batch of signatures). Each slot holds the record or the error `take`
   * would have thrown for that id; one failure does not undo the others.
   */
  takeMany(ids: readonly string[]): Promise<Array<OneTimeRecord | SigilError>>;
  /** Available values of a key. */
  countAvailable(keyId: string): Promise<number>;
}

/** Session status. */
export type SessionStatus = 'running' | 'done' | 'failed' | 'timed_out';

/** A session as persisted by the coordinator. */
export interface SessionRecord {
  readonly id: string;
  /** keygen | presign | sign | refresh. */
  readonly kind: string;
  readonly protocol: string;
  readonly keyId?: string;
  /** Opaque state (the coordinator's, never a secret). */
  readonly state: Uint8Array;
  readonly round: number;
  readonly status: SessionStatus;
  readonly errorCode?: string;
  /** ISO 8601 UTC. */
  readonly updatedAt: string;
}

/** Sessions. */
export interface SessionRepo {
  /** Insert or replace. */
  save(session: SessionRecord): Promise<void>;
  /** The session, or undefined. */
  get(id: string): Promise<SessionRecord | undefined>;
  /** Sessions with a status (e.g. `running` to resume after a restart). */
  listByStatus(status: SessionStatus): Promise<SessionRecord[]>;
}

/** An audit entry to append. `data` must be JSON (plain objects, arrays, strings, finite numbers, booleans, null). */
export interface AuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly subject?: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** An audit row as stored. */
export interface AuditRow extends AuditEntry {
  readonly seq: number;
  readonly at: string;
  /** Hex SHA-256 of the previous row (64 zeros for the first). */
  readonly prevHash: string;
  /** Hex SHA-256(prevHash ‖ canonical row). */
  readonly hash: string;
}

/** Result of checking the audit chain. */
export type ChainCheck = { readonly ok: true; readonly rows: number; readonly head: string } | { readonly ok: false; readonly brokenAt: number; readonly reason: string };

/** Append-only, hash-chained audit log. */
export interface AuditRepo {
  /** Append an entry; returns the stored row. */
  append(entry: AuditEntry): Promise<AuditRow>;
  /** Rows with seq > `after`, ascending. */
  list(opts?: { after?: number; limit?: number }): Promise<AuditRow[]>;
  /** Recompute every hash and link. Tail truncation is only visible against an anchored head. */
  verifyChain(): Promise<ChainCheck>;
}

/** All repositories of one process. */
export interface Store {
  readonly keys: KeyRepo;
  readonly shares: ShareRepo;
  readonly presignatures: OneTimeRepo;
  readonly frostNonces: OneTimeRepo;
  /** Pre-generated Paillier keys (sealed), each used for one ECDSA key generation. */
  readonly paillierKeys: OneTimeRepo;
  readonly sessions: SessionRepo;
  readonly audit: AuditRepo;
  /** Close the database. */
  close(): Promise<void>;
}
