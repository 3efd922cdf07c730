/**
 * Schema migrations, versioned in code and tracked in `PRAGMA user_version`.
 * A migration is never edited once released; add a new one.
 */
import type { Database } from 'better-sqlite3';
import { SigilError } from '../../core/errors.ts';

/** One schema step. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const oneTimeTable = (name: string): string => `
CREATE TABLE ${name} (
  id TEXT PRIMARY KEY,
  key_id TEXT NOT NULL,
  blob BLOB NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('available', 'used')),
  created_at TEXT NOT NULL,
  used_at TEXT
) STRICT;
CREATE INDEX ${name}_available ON ${name} (key_id, status, created_at, id);`;

/** Every migration, ascending. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE keys (
  id TEXT PRIMARY KEY,
  protocol TEXT NOT NULL,
  curve TEXT NOT NULL,
  t INTEGER NOT NULL,
  n INTEGER NOT NULL,
  parties TEXT NOT NULL,
  public_key BLOB NOT NULL,
  label TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE shares (
  key_id TEXT NOT NULL,
  party INTEGER NOT NULL,
  sealed BLOB NOT NULL,
  PRIMARY KEY (key_id, party)
) STRICT;
${oneTimeTable('presignatures')}
${oneTimeTable('frost_nonces')}
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  protocol TEXT NOT NULL,
  key_id TEXT,
  state BLOB NOT NULL,
  round INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'timed_out')),
  error_code TEXT,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_status ON sessions (status, updated_at);
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT,
  data TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
`,
  },
  {
    version: 2,
    name: 'pre-generated Paillier keys (one-time: each serves one ECDSA key generation)',
    sql: oneTimeTable('paillier_keys'),
  },
];

/** Latest schema version this build knows. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/**
 * Apply pending migrations, each in its own transaction.
 * @throws {SigilError} SIGIL_E_STORE_SCHEMA when the database is newer than this build.
 */
export function migrate(db: Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new SigilError('SIGIL_E_STORE_SCHEMA', `database schema ${current} is newer than this build (${SCHEMA_VERSION})`);
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return SCHEMA_VERSION;
}
