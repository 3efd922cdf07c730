/**
 * The audit log in SQLite: append-only (triggers refuse UPDATE and DELETE)
 * and hash-chained, `hash = SHA-256(prev_hash ‖ canonical row)` with
 * `canonical row = canonicalJson({seq, at, actor, action, subject, data})`
 * and 64 hex zeros before the first row. Editing, deleting or reordering any
 * row breaks the chain from there on.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { canonicalJson } from '../canonical.ts';
import type { AuditEntry, AuditRepo, AuditRow, ChainCheck } from '../types.ts';

/** prev_hash of the first row. */
export const GENESIS = '0'.repeat(64);

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

/** Hash of one row given its predecessor's hash. */
export function rowHash(prevHash: string, r: { seq: number; at: string; actor: string; action: string; subject: string | null; data: string }): string {
  const canonical = canonicalJson({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, subject: r.subject, data: JSON.parse(r.data) as unknown });
  return createHash('sha256').update(Buffer.from(prevHash, 'hex')).update(canonical, 'utf8').digest('hex');
}

function fromRow(r: Row): AuditRow {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    ...(r.subject === null ? {} : { subject: r.subject }),
    data: JSON.parse(r.data) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Audit log in SQLite. */
export class SqliteAuditRepo implements AuditRepo {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async append(entry: AuditEntry): Promise<AuditRow> {
    const data = canonicalJson(entry.data ?? {});
    return this.#db.transaction(() => {
      const last = this.#db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      const row: Row = {
        seq: (last?.seq ?? 0) + 1,
        at: new Date().toISOString(),
        actor: entry.actor,
        action: entry.action,
        subject: entry.subject ?? null,
        data,
        prev_hash: last?.hash ?? GENESIS,
        hash: '',
      };
      row.hash = rowHash(row.prev_hash, row);
      this.#db
        .prepare('INSERT INTO audit (seq, at, actor, action, subject, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(row.seq, row.at, row.actor, row.action, row.subject, row.data, row.prev_hash, row.hash);
      return fromRow(row);
    }).immediate();
  }

  async list(opts: { after?: number; limit?: number } = {}): Promise<AuditRow[]> {
    const rows = this.#db.prepare('SELECT * FROM audit WHERE seq > ? ORDER BY seq LIMIT ?').all(opts.after ?? 0, opts.limit ?? 1000) as Row[];
    return rows.map(fromRow);
  }

  async verifyChain(): Promise<ChainCheck> {
    let prev = GENESIS;
    let expectedSeq = 1;
    let count = 0;
    for (const r of this.#db.prepare('SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<Row>) {
      if (r.seq !== expectedSeq) return { ok: false, brokenAt: r.seq, reason: `expected seq ${expectedSeq}` };
      if (r.prev_hash !== prev) return { ok: false, brokenAt: r.seq, reason: 'prev_hash does not link to the previous row' };
      let hash: string;
      try {
        hash = rowHash(prev, r);
      } catch {
        return { ok: false, brokenAt: r.seq, reason: 'row data is not canonical JSON' };
      }
      if (hash !== r.hash) return { ok: false, brokenAt: r.seq, reason: 'row hash does not match its contents' };
      prev = r.hash;
      expectedSeq += 1;
      count += 1;
    }
    return { ok: true, rows: count, head: prev };
  }
}
