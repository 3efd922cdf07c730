/** SQLite repositories of keys and sealed shares. */
import type { Database } from 'better-sqlite3';
import { SigilError } from '../../core/errors.ts';
import type { KeyRecord, KeyRepo, ShareRepo } from '../types.ts';

interface KeyRow {
  id: string;
  protocol: string;
  curve: string;
  t: number;
  n: number;
  parties: string;
  public_key: Buffer;
  label: string | null;
  created_at: string;
}

function fromRow(r: KeyRow): KeyRecord {
  return {
    id: r.id,
    protocol: r.protocol,
    curve: r.curve,
    t: r.t,
    n: r.n,
    parties: JSON.parse(r.parties) as number[],
    publicKey: new Uint8Array(r.public_key),
    ...(r.label === null ? {} : { label: r.label }),
    createdAt: r.created_at,
  };
}

function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Run an insert, mapping a duplicate key to SIGIL_E_CONFLICT. */
export function insertOnce(run: () => void, what: string): void {
  try {
    run();
  } catch (e) {
    if (isUniqueViolation(e)) throw new SigilError('SIGIL_E_CONFLICT', `${what} already exists`);
    throw e;
  }
}

/** Keys in SQLite. */
export class SqliteKeyRepo implements KeyRepo {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async create(k: KeyRecord): Promise<void> {
    const stmt = this.#db.prepare(
      'INSERT INTO keys (id, protocol, curve, t, n, parties, public_key, label, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    insertOnce(() => stmt.run(k.id, k.protocol, k.curve, k.t, k.n, JSON.stringify(k.parties), Buffer.from(k.publicKey), k.label ?? null, k.createdAt), `key ${k.id}`);
  }

  async get(id: string): Promise<KeyRecord | undefined> {
    const row = this.#db.prepare('SELECT * FROM keys WHERE id = ?').get(id) as KeyRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  async list(opts: { limit?: number; after?: string } = {}): Promise<KeyRecord[]> {
    const rows = this.#db
      .prepare('SELECT * FROM keys WHERE id > ? ORDER BY id LIMIT ?')
      .all(opts.after ?? '', opts.limit ?? 100) as KeyRow[];
    return rows.map(fromRow);
  }
}

/** Sealed shares in SQLite. */
export class SqliteShareRepo implements ShareRepo {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async put(keyId: string, party: number, sealed: Uint8Array): Promise<void> {
    const stmt = this.#db.prepare('INSERT INTO shares (key_id, party, sealed) VALUES (?, ?, ?)');
    insertOnce(() => stmt.run(keyId, party, Buffer.from(sealed)), `share ${keyId}/${party}`);
  }

  async get(keyId: string, party: number): Promise<Uint8Array | undefined> {
    const row = this.#db.prepare('SELECT sealed FROM shares WHERE key_id = ? AND party = ?').get(keyId, party) as { sealed: Buffer } | undefined;
    return row ? new Uint8Array(row.sealed) : undefined;
  }
}
