/**
 * The SQLite store: one database file per process, WAL journal,
 * `synchronous = FULL` (a commit is durable when it returns), foreign
 * writers serialized by IMMEDIATE transactions and a busy timeout.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../types.ts';
import { SqliteAuditRepo } from './audit.ts';
import { SqliteKeyRepo, SqliteShareRepo } from './keys.ts';
import { migrate } from './migrations.ts';
import { SqliteOneTimeRepo } from './one-time.ts';
import { SqliteSessionRepo } from './sessions.ts';

/** Options of `openSqliteStore`. */
export interface SqliteStoreOptions {
  /** Milliseconds to wait for another connection's write lock. */
  readonly busyTimeoutMs?: number;
}

/** A `Store` over one SQLite file. */
export class SqliteStore implements Store {
  readonly keys: SqliteKeyRepo;
  readonly shares: SqliteShareRepo;
  readonly presignatures: SqliteOneTimeRepo;
  readonly frostNonces: SqliteOneTimeRepo;
  readonly paillierKeys: SqliteOneTimeRepo;
  readonly sessions: SqliteSessionRepo;
  readonly audit: SqliteAuditRepo;
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    this.keys = new SqliteKeyRepo(db);
    this.shares = new SqliteShareRepo(db);
    this.presignatures = new SqliteOneTimeRepo(db, 'presignatures');
    this.frostNonces = new SqliteOneTimeRepo(db, 'frost_nonces');
    this.paillierKeys = new SqliteOneTimeRepo(db, 'paillier_keys');
    this.sessions = new SqliteSessionRepo(db);
    this.audit = new SqliteAuditRepo(db);
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}

/**
 * Open (creating and migrating as needed) the store at `path` (`:memory:` for tests).
 * @throws {SigilError} SIGIL_E_STORE_SCHEMA when the file is newer than this build.
 */
export function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): SqliteStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.trunc(opts.busyTimeoutMs ?? 5000)}`);
  migrate(db);
  return new SqliteStore(db);
}
