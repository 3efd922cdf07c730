/** Sessions in SQLite. */
import type { Database } from 'better-sqlite3';
import type { SessionRecord, SessionRepo, SessionStatus } from '../types.ts';

interface Row {
  id: string;
  kind: string;
  protocol: string;
  key_id: string | null;
  state: Buffer;
  round: number;
  status: SessionStatus;
  error_code: string | null;
  updated_at: string;
}

function fromRow(r: Row): SessionRecord {
  return {
    id: r.id,
    kind: r.kind,
    protocol: r.protocol,
    ...(r.key_id === null ? {} : { keyId: r.key_id }),
    state: new Uint8Array(r.state),
    round: r.round,
    status: r.status,
    ...(r.error_code === null ? {} : { errorCode: r.error_code }),
    updatedAt: r.updated_at,
  };
}

/** Sessions in SQLite. */
export class SqliteSessionRepo implements SessionRepo {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async save(s: SessionRecord): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO sessions (id, kind, protocol, key_id, state, round, status, error_code, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, protocol = excluded.protocol, key_id = excluded.key_id,
           state = excluded.state, round = excluded.round, status = excluded.status,
           error_code = excluded.error_code, updated_at = excluded.updated_at`,
      )
      .run(s.id, s.kind, s.protocol, s.keyId ?? null, Buffer.from(s.state), s.round, s.status, s.errorCode ?? null, s.updatedAt);
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    const row = this.#db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  async listByStatus(status: SessionStatus): Promise<SessionRecord[]> {
    return (this.#db.prepare('SELECT * FROM sessions WHERE status = ? ORDER BY updated_at, id').all(status) as Row[]).map(fromRow);
  }
}
