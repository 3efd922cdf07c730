import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { canonicalJson, openSqliteStore, SCHEMA_VERSION, type KeyRecord, type SqliteStore } from '../src/store/index.ts';

let dir: string;
let dbPath: string;
let store: SqliteStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sigil-store-'));
  dbPath = join(dir, 'node.db');
  store = openSqliteStore(dbPath);
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function code(p: Promise<unknown> | (() => unknown)): Promise<string | undefined> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

const key: KeyRecord = {
  id: 'key-1', protocol: 'ecdsa-secp256k1', curve: 'secp256k1', t: 2, n: 3, parties: [1, 2, 3],
  publicKey: new Uint8Array(33).fill(2), label: 'treasury', createdAt: '2026-11-24T00:00:00.000Z',
};

describe('schema', () => {
  it('uses WAL and records its version; refuses a newer database', async () => {
    const raw = new Database(dbPath);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(await code(() => openSqliteStore(dbPath))).toBe('SIGIL_E_STORE_SCHEMA');
  });

  it('upgrades a version-1 database in place, keeping its data', async () => {
    await store.keys.create(key);
    await store.close();
    const raw = new Database(dbPath);
    raw.exec('DROP TABLE paillier_keys');
    raw.pragma('user_version = 1');
    raw.close();
    store = openSqliteStore(dbPath);
    expect((await store.keys.get('key-1'))?.label).toBe('treasury');
    await store.paillierKeys.add([{ id: 'p1', keyId: 'paillier', blob: new Uint8Array([1]) }]);
    expect((await store.paillierKeys.takeAvailable('paillier'))?.id).toBe('p1');
    expect(await store.paillierKeys.takeAvailable('paillier')).toBeUndefined();
  });

  it('reopens an existing file without re-migrating', async () => {
    await store.keys.create(key);
    await store.close();
    store = openSqliteStore(dbPath);
    expect((await store.keys.get('key-1'))?.label).toBe('treasury');
  });
});

describe('keys and shares', () => {
  it('creates, reads, lists and refuses duplicates', async () => {
    await store.keys.create(key);
    await store.keys.create({ ...key, id: 'key-2', label: undefined });
    expect(await store.keys.get('key-1')).toEqual(key);
    expect(await store.keys.get('nope')).toBeUndefined();
    expect((await store.keys.list()).map((k) => k.id)).toEqual(['key-1', 'key-2']);
    expect((await store.keys.list({ after: 'key-1' })).map((k) => k.id)).toEqual(['key-2']);
    expect((await store.keys.get('key-2'))?.label).toBeUndefined();
    expect(await code(store.keys.create(key))).toBe('SIGIL_E_CONFLICT');
  });

  it('stores sealed shares once per (key, party)', async () => {
    await store.shares.put('key-1', 1, new Uint8Array([1, 2, 3]));
    expect(await store.shares.get('key-1', 1)).toEqual(new Uint8Array([1, 2, 3]));
    expect(await store.shares.get('key-1', 2)).toBeUndefined();
    expect(await code(store.shares.put('key-1', 1, new Uint8Array([9])))).toBe('SIGIL_E_CONFLICT');
    expect(await store.shares.get('key-1', 1)).toEqual(new Uint8Array([1, 2, 3]));
  });
});

describe('one-time pools', () => {
  const values = (n: number, keyId = 'key-1') =>
    Array.from({ length: n }, (_, i) => ({ id: `${keyId}-p${String(i).padStart(3, '0')}`, keyId, blob: new Uint8Array([i & 0xff, 1]) }));

  it('takes each presignature once, oldest first, and wipes its blob', async () => {
    await store.presignatures.add(values(3));
    expect(await store.presignatures.countAvailable('key-1')).toBe(3);
    const a = await store.presignatures.takeAvailable('key-1');
    expect(a?.id).toBe('key-1-p000');
    expect(a?.blob).toEqual(new Uint8Array([0, 1]));
    expect(await store.presignatures.countAvailable('key-1')).toBe(2);
    const raw = new Database(dbPath, { readonly: true });
    const row = raw.prepare('SELECT status, length(blob) AS len FROM presignatures WHERE id = ?').get('key-1-p000');
    raw.close();
    expect(row).toEqual({ status: 'used', len: 0 });
  });

  it('fails closed when a presignature is taken twice', async () => {
    await store.presignatures.add(values(1));
    expect((await store.presignatures.take('key-1-p000')).id).toBe('key-1-p000');
    expect(await code(store.presignatures.take('key-1-p000'))).toBe('SIGIL_E_NONCE_REUSED');
    expect(await store.presignatures.takeAvailable('key-1')).toBeUndefined();
    expect(await code(store.presignatures.take('missing'))).toBe('SIGIL_E_NOT_FOUND');
    expect(await code(store.presignatures.add(values(1)))).toBe('SIGIL_E_CONFLICT');
  });

  it('takes a batch in one transaction, failing closed per item', async () => {
    await store.frostNonces.add(values(3));
    await store.frostNonces.take('key-1-p001');
    const got = await store.frostNonces.takeMany(['key-1-p000', 'key-1-p001', 'missing', 'key-1-p000']);
    expect((got[0] as { id: string }).id).toBe('key-1-p000');
    expect((got[1] as { code: string }).code).toBe('SIGIL_E_NONCE_REUSED');
    expect((got[2] as { code: string }).code).toBe('SIGIL_E_NOT_FOUND');
    expect((got[3] as { code: string }).code).toBe('SIGIL_E_NONCE_REUSED');
    expect(await store.frostNonces.countAvailable('key-1')).toBe(1);
  });

  it('keeps presignatures and FROST nonces apart, per key', async () => {
    await store.frostNonces.add(values(2, 'key-9'));
    expect(await store.presignatures.takeAvailable('key-9')).toBeUndefined();
    expect(await store.frostNonces.takeAvailable('key-1')).toBeUndefined();
    expect((await store.frostNonces.takeAvailable('key-9'))?.id).toBe('key-9-p000');
    expect(await code(store.frostNonces.take('key-9-p000'))).toBe('SIGIL_E_NONCE_REUSED');
  });

  it('a failed batch add stores nothing', async () => {
    await store.presignatures.add(values(1));
    expect(await code(store.presignatures.add(values(3)))).toBe('SIGIL_E_CONFLICT');
    expect(await store.presignatures.countAvailable('key-1')).toBe(1);
  });

  it('concurrent takers in separate processes never get the same value', async () => {
    const total = 300;
    await store.presignatures.add(values(total));
    const storeUrl = new URL('../src/store/index.ts', import.meta.url).href;
    const script = join(dir, 'taker.mts');
    writeFileSync(script, `
      const { openSqliteStore } = await import(${JSON.stringify(storeUrl)});
      const s = openSqliteStore(process.argv[2], { busyTimeoutMs: 20000 });
      const ids = [];
      for (;;) { const v = await s.presignatures.takeAvailable('key-1'); if (!v) break; ids.push(v.id); }
      await s.close();
      process.stdout.write(JSON.stringify(ids));
    `);
    const run = () => new Promise<string[]>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, dbPath], { cwd: fileURLToPath(new URL('..', import.meta.url)) });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
      child.on('close', (c) => (c === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(err))));
    });
    const results = await Promise.all([run(), run(), run()]);
    const all = results.flat();
    expect(all.length).toBe(total);
    expect(new Set(all).size).toBe(total);
    expect(await store.presignatures.countAvailable('key-1')).toBe(0);
  }, 60_000);
});

describe('sessions', () => {
  it('saves, updates and lists by status', async () => {
    const s = { id: 's1', kind: 'sign', protocol: 'ecdsa-secp256k1', keyId: 'key-1', state: new Uint8Array([1]), round: 1, status: 'running' as const, updatedAt: '2026-11-24T00:00:00.000Z' };
    await store.sessions.save(s);
    await store.sessions.save({ ...s, id: 's2', keyId: undefined });
    await store.sessions.save({ ...s, round: 3, status: 'failed', errorCode: 'SIGIL_E_ABORTED' });
    expect(await store.sessions.get('s1')).toEqual({ ...s, round: 3, status: 'failed', errorCode: 'SIGIL_E_ABORTED' });
    expect((await store.sessions.listByStatus('running')).map((x) => x.id)).toEqual(['s2']);
    expect((await store.sessions.get('s2'))?.keyId).toBeUndefined();
    expect(await code(store.sessions.save({ ...s, status: 'bogus' as 'done' }))).toBeDefined();
  });
});

describe('audit log', () => {
  async function fill(n: number) {
    for (let i = 0; i < n; i++) await store.audit.append({ actor: 'coordinator', action: 'sign', subject: `key-${i}`, data: { i, ok: true, tags: ['a', 'b'] } });
  }

  it('chains rows and verifies', async () => {
    await fill(5);
    const rows = await store.audit.list();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prevHash).toBe('0'.repeat(64));
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(await store.audit.verifyChain()).toEqual({ ok: true, rows: 5, head: rows[4]!.hash });
  });

  it('refuses updates and deletes through SQL', async () => {
    await fill(2);
    const raw = new Database(dbPath);
    expect(() => raw.prepare("UPDATE audit SET actor = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM audit WHERE seq = 1').run()).toThrow(/append-only/);
    raw.close();
  });

  it('detects an edited row, a re-hashed row and a deleted row', async () => {
    await fill(4);
    const tamper = (sql: string) => {
      const raw = new Database(dbPath);
      raw.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
      raw.exec(sql);
      raw.close();
    };
    tamper(`UPDATE audit SET data = '{"i":99,"ok":true,"tags":["a","b"]}' WHERE seq = 2`);
    expect(await store.audit.verifyChain()).toMatchObject({ ok: false, brokenAt: 2 });
    // Recomputing the edited row's own hash moves the break to the next link.
    const rows = await store.audit.list();
    const { rowHash } = await import('../src/store/sqlite/audit.ts');
    const r2 = rows[1]!;
    const h = rowHash(r2.prevHash, { seq: 2, at: r2.at, actor: r2.actor, action: r2.action, subject: r2.subject ?? null, data: JSON.stringify(r2.data) });
    tamper(`UPDATE audit SET hash = '${h}' WHERE seq = 2`);
    expect(await store.audit.verifyChain()).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('detects a deleted middle row', async () => {
    await fill(3);
    const raw = new Database(dbPath);
    raw.exec('DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 2;');
    raw.close();
    expect(await store.audit.verifyChain()).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('rejects data JSON cannot hold exactly', async () => {
    expect(await code(store.audit.append({ actor: 'a', action: 'b', data: { n: Number.NaN } }))).toBe('SIGIL_E_STORE_INVALID');
    expect(await code(store.audit.append({ actor: 'a', action: 'b', data: { n: 1n } }))).toBe('SIGIL_E_STORE_INVALID');
    expect(await code(store.audit.append({ actor: 'a', action: 'b', data: { d: new Date(0) } }))).toBe('SIGIL_E_STORE_INVALID');
    expect(canonicalJson({ b: 1, a: [true, null, 'x'] })).toBe('{"a":[true,null,"x"],"b":1}');
    expect(await store.audit.verifyChain()).toEqual({ ok: true, rows: 0, head: '0'.repeat(64) });
  });
});
