/**
 * ECDSA (secp256k1) keys served by a `sigil up` cluster — a coordinator and
 * three nodes as separate processes over loopback mTLS gRPC — through the
 * HTTP API: 2-of-3 DKG, presigned and GG18 signing (every signature checked
 * by OpenSSL and by noble), typed errors for bad hashes, a coordinator
 * restart, and a node killed in the middle of presigning.
 */
import { createHash, createPublicKey, randomBytes, verify as osslVerify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { startLocalCluster, type LocalCluster } from '../src/cli/up.ts';
import { clientCredentials, ensureProcessCert, loadProtos } from '../src/transport/index.ts';

type Json = Record<string, unknown>;

async function until(cond: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The group key as OpenSSL sees it (JWK from the compressed point). */
function opensslKey(publicKey: string) {
  const { x, y } = secp256k1.Point.fromHex(publicKey).toAffine();
  const b64 = (v: bigint) => Buffer.from(v.toString(16).padStart(64, '0'), 'hex').toString('base64url');
  return createPublicKey({ key: { kty: 'EC', crv: 'secp256k1', x: b64(x), y: b64(y) }, format: 'jwk' });
}

describe('ECDSA in a `sigil up` cluster (separate processes, HTTP API)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sigil-ecdsa-'));
  let cluster: LocalCluster;
  let url = '';
  let key: { id: string; publicKey: string } = { id: '', publicKey: '' };

  async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
    const res = await fetch(`${url}${path}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
    return { status: res.status, json: (await res.json()) as Json };
  }

  /** Sign sha256(message) through the API; check the answer with OpenSSL (over the message) and noble (over the hash). */
  async function signChecked(mode?: 'presigned' | 'gg18'): Promise<Json> {
    const message = randomBytes(80);
    const hash = createHash('sha256').update(message).digest();
    const res = await api('POST', `/v1/keys/${key.id}/sign`, { message: hash.toString('hex'), ...(mode ? { mode } : {}) });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const signature = Buffer.from(String(res.json.signature), 'hex');
    expect(signature).toHaveLength(64);
    expect(osslVerify('sha256', message, { key: opensslKey(key.publicKey), dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
    expect(secp256k1.verify(signature, hash, Buffer.from(key.publicKey, 'hex'), { prehash: false })).toBe(true);
    const recovered = secp256k1.Signature.fromBytes(signature).addRecoveryBit(Number(res.json.recoveryId)).recoverPublicKey(hash);
    expect(recovered.toHex(true)).toBe(key.publicKey);
    return res.json;
  }

  const poolSize = async () => {
    const { json } = await api('GET', '/v1/nodes');
    return (json.nodes as Array<{ pools: Record<string, number> }>).reduce((sum, n) => sum + (n.pools[key.id] ?? 0), 0) / 2;
  };

  beforeAll(async () => {
    cluster = await startLocalCluster({ dir, nodes: 3, pool: 16, presigs: 6 });
    url = cluster.url;
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a 2-of-3 DKG and signs presigned and in GG18 mode; OpenSSL and noble verify every signature', async () => {
    const created = await api('POST', '/v1/keys', { protocol: 'ecdsa-secp256k1', t: 2, n: 3, label: 'ecdsa' });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json).toMatchObject({ protocol: 'ecdsa-secp256k1', curve: 'secp256k1', t: 2, n: 3, parties: [1, 2, 3] });
    expect(String(created.json.publicKey)).toMatch(/^0[23][0-9a-f]{64}$/);
    key = { id: String(created.json.id), publicKey: String(created.json.publicKey) };
    const first = await signChecked();
    expect(first.mode).toBe('presigned');
    for (let i = 0; i < 3; i++) await signChecked();
    const gg18 = await signChecked('gg18');
    expect(gg18.mode).toBe('gg18');
    expect(gg18.signers).toHaveLength(2);
    await until(async () => (await poolSize()) >= 4, 30_000, 'the presignature pool to refill');
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`sigil_pool_level\\{key_id="${key.id}",node="[123]"\\} [1-9]`));
  }, 60_000);

  it('signs over the client gRPC API (mTLS) in both modes; a bad mode is a typed error', async () => {
    const { CoordinatorService } = loadProtos();
    const client = new CoordinatorService(`localhost:${cluster.grpcPort}`, clientCredentials(ensureProcessCert(join(dir, 'certs'), 'client')));
    const rpc = <T>(method: string, req: unknown) =>
      new Promise<T>((resolve, reject) => (client as unknown as Record<string, Function>)[method]!.call(client, req, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))));
    try {
      for (const mode of ['', 'gg18']) {
        const message = randomBytes(40);
        const hash = createHash('sha256').update(message).digest();
        const res = await rpc<{ signature: string; recoveryId?: number }>('sign', { keyId: key.id, message: hash.toString('hex'), mode });
        expect(osslVerify('sha256', message, { key: opensslKey(key.publicKey), dsaEncoding: 'ieee-p1363' }, Buffer.from(res.signature, 'hex'))).toBe(true);
        expect(res.recoveryId).toBeGreaterThanOrEqual(0);
      }
      const bad = await rpc('sign', { keyId: key.id, message: '00'.repeat(32), mode: 'fast' }).catch((e: { code: number; metadata: { get(k: string): unknown[] } }) => e);
      expect((bad as { code: number }).code).toBe(3);
      expect((bad as { metadata: { get(k: string): unknown[] } }).metadata.get('sigil-code')).toEqual(['SIGIL_E_BAD_REQUEST']);
    } finally {
      client.close();
    }
  }, 60_000);

  it('key generation takes each node\'s pre-generated Paillier key, and the nodes refill their pools', async () => {
    const count = (node: number, status: string) => {
      const db = new Database(join(dir, `node-${node}`, 'node.db'), { readonly: true });
      try {
        return (db.prepare('SELECT count(*) AS c FROM paillier_keys WHERE status = ?').get(status) as { c: number }).c;
      } finally {
        db.close();
      }
    };
    await until(() => [1, 2, 3].every((n) => count(n, 'available') >= 1), 60_000, 'every node to pre-generate a Paillier key');
    const used = [1, 2, 3].map((n) => count(n, 'used'));
    const created = await api('POST', '/v1/keys', { protocol: 'ecdsa-secp256k1', t: 2, n: 3, label: 'pooled' });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect([1, 2, 3].map((n) => count(n, 'used'))).toEqual(used.map((u) => u + 1));
    await until(() => [1, 2, 3].every((n) => count(n, 'available') >= 1), 60_000, 'the Paillier pools to refill');
  }, 150_000);

  it('answers a hash that is not 32 bytes with 400 SIGIL_E_INVALID_LENGTH, in both modes', async () => {
    for (const [message, mode] of [['aa'.repeat(31), undefined], ['aa'.repeat(33), 'gg18'], ['aa'.repeat(64), 'presigned']] as const) {
      const res = await api('POST', `/v1/keys/${key.id}/sign`, { message, ...(mode ? { mode } : {}) });
      expect([res.status, res.json.code]).toEqual([400, 'SIGIL_E_INVALID_LENGTH']);
    }
    const batch = await api('POST', `/v1/keys/${key.id}/sign-batch`, { messages: ['aa'.repeat(32), 'bb'] });
    expect([batch.status, batch.json.code]).toEqual([400, 'SIGIL_E_INVALID_LENGTH']);
    const badMode = await api('POST', `/v1/keys/${key.id}/sign`, { message: 'aa'.repeat(32), mode: 'fast' });
    expect([badMode.status, badMode.json.code]).toEqual([400, 'SIGIL_E_BAD_REQUEST']);
  });

  it('keeps the key across a coordinator restart; signing works at once (GG18 fallback) and presigned after refill', async () => {
    const line = await cluster.restart('coordinator');
    url = String(line.url);
    const got = await api('GET', `/v1/keys/${key.id}`);
    expect([got.status, got.json.publicKey]).toEqual([200, key.publicKey]);
    await signChecked();
    await until(async () => (await poolSize()) >= 2, 30_000, 'the pool to refill after the restart');
    expect((await signChecked()).mode).toBe('presigned');
  }, 60_000);

  it('aborts a presigning session whose node is killed, naming it; the next signature uses the other quorum', async () => {
    const db = new Database(join(dir, 'coordinator', 'coordinator.db'), { readonly: true });
    try {
      const running = () => (db.prepare("SELECT id FROM sessions WHERE kind = 'presign' AND status = 'running'").all() as Array<{ id: string }>).map((r) => r.id);
      // Spend presignatures until a refill (signer sets rotating over {1,2}, {2,3}, {1,3}) is under way.
      for (let i = 0; i < 8 && running().length === 0; i++) await signChecked();
      await until(() => running().length > 0, 10_000, 'a presigning session');
      const inFlight = running();
      cluster.kill('node-1');
      const sessions: Json[] = [];
      for (const id of inFlight) {
        await until(async () => (await api('GET', `/v1/sessions/${id}`)).json.status !== 'running', 35_000, `session ${id} to end`);
        sessions.push((await api('GET', `/v1/sessions/${id}`)).json);
      }
      const withNode1 = sessions.filter((s) => (s.parties as number[]).includes(1));
      expect(withNode1.length).toBeGreaterThan(0);
      for (const s of withNode1) expect([s.status, (s.error as Json).culprits]).toEqual(['failed', [1]]);
      const next = await signChecked();
      expect(next.signers).toEqual([2, 3]);
      expect((await signChecked('gg18')).signers).toEqual([2, 3]);
    } finally {
      db.close();
    }
  }, 60_000);
});
