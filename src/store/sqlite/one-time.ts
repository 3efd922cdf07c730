/**
 * One-time pools (presignatures, FROST nonces) in SQLite. Taking a value is
 * one IMMEDIATE transaction (a write lock across every connection to the
 * file) that marks it used and wipes its blob; with `synchronous = FULL` the
 * commit is durable before the value is returned.
 */
import type { Database, Statement } from 'better-sqlite3';
import { SigilError } from '../../core/errors.ts';
import type { OneTimeRecord, OneTimeRepo } from '../types.ts';
import { insertOnce } from './keys.ts';

interface Row {
  id: string;
  key_id: string;
  blob: Buffer;
  status: 'available' | 'used';
}

/** A one-time pool stored in `table` (`presignatures`, `frost_nonces` or `paillier_keys`). */
export class SqliteOneTimeRepo implements OneTimeRepo {
  readonly #db: Database;
  readonly #insert: Statement;
  readonly #oldest: Statement;
  readonly #byId: Statement;
  readonly #markUsed: Statement;
  readonly #count: Statement;

  constructor(db: Database, table: 'presignatures' | 'frost_nonces' | 'paillier_keys') {
    this.#db = db;
    this.#insert = db.prepare(`INSERT INTO ${table} (id, key_id, blob, status, created_at) VALUES (?, ?, ?, 'available', ?)`);
    this.#oldest = db.prepare(`SELECT id, key_id, blob, status FROM ${table} WHERE key_id = ? AND status = 'available' ORDER BY created_at, id LIMIT 1`);
    this.#byId = db.prepare(`SELECT id, key_id, blob, status FROM ${table} WHERE id = ?`);
    this.#markUsed = db.prepare(`UPDATE ${table} SET status = 'used', blob = X'', used_at = ? WHERE id = ? AND status = 'available'`);
    this.#count = db.prepare(`SELECT count(*) AS c FROM ${table} WHERE key_id = ? AND status = 'available'`);
  }

  async add(values: readonly OneTimeRecord[]): Promise<void> {
    const now = new Date().toISOString();
    this.#db.transaction(() => {
      for (const v of values) insertOnce(() => this.#insert.run(v.id, v.keyId, Buffer.from(v.blob), now), `one-time value ${v.id}`);
    }).immediate();
  }

  async takeAvailable(keyId: string): Promise<OneTimeRecord | undefined> {
    return this.#db.transaction(() => {
      const row = this.#oldest.get(keyId) as Row | undefined;
      return row ? this.#claim(row) : undefined;
    }).immediate();
  }

  async take(id: string): Promise<OneTimeRecord> {
    return this.#db.transaction(() => {
      const row = this.#byId.get(id) as Row | undefined;
      if (!row) throw new SigilError('SIGIL_E_NOT_FOUND', `no one-time value ${id}`);
      if (row.status !== 'available') throw new SigilError('SIGIL_E_NONCE_REUSED', `one-time value ${id} was already used`);
      return this.#claim(row);
    }).immediate();
  }

  async takeMany(ids: readonly string[]): Promise<Array<OneTimeRecord | SigilError>> {
    return this.#db.transaction(() =>
      ids.map((id) => {
        const row = this.#byId.get(id) as Row | undefined;
        if (!row) return new SigilError('SIGIL_E_NOT_FOUND', `no one-time value ${id}`);
        if (row.status !== 'available') return new SigilError('SIGIL_E_NONCE_REUSED', `one-time value ${id} was already used`);
        try {
          return this.#claim(row);
        } catch (err) {
          return err as SigilError;
        }
      }),
    ).immediate();
  }

  async countAvailable(keyId: string): Promise<number> {
    return (this.#count.get(keyId) as { c: number }).c;
  }

  /** Mark used inside the caller's transaction; fail closed if someone else did. */
  #claim(row: Row): OneTimeRecord {
    const { changes } = this.#markUsed.run(new Date().toISOString(), row.id);
    if (changes !== 1) throw new SigilError('SIGIL_E_NONCE_REUSED', `one-time value ${row.id} was already used`);
    return { id: row.id, keyId: row.key_id, blob: new Uint8Array(row.blob) };
  }
}
