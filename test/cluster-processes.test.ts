import { createPublicKey, randomBytes, verify as osslVerify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCluster, type LocalCluster } from '../src/cli/up.ts';

/** POST/GET JSON against the cluster's API. */
async function api(cluster: LocalCluster, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${cluster.url}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('`sigil up`: coordinator and three nodes as separate processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sigil-up-'));
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await startLocalCluster({ dir, nodes: 3, pool: 32 });
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs DKG and signs through the HTTP API; OpenSSL verifies every signature', async () => {
    const created = await api(cluster, 'POST', '/v1/keys', { protocol: 'frost-ed25519', t: 2, n: 3 });
    expect(created.status).toBe(201);
    const spki = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(String(created.json.publicKey), 'hex').toString('base64url') }, format: 'jwk' });
    for (let i = 0; i < 10; i++) {
      const message = randomBytes(32);
      const signed = await api(cluster, 'POST', `/v1/keys/${String(created.json.id)}/sign`, { message: message.toString('hex') });
      expect(signed.status).toBe(200);
      expect(osslVerify(null, message, spki, Buffer.from(String(signed.json.signature), 'hex'))).toBe(true);
    }
    const nodes = await api(cluster, 'GET', '/v1/nodes');
    expect((nodes.json.nodes as Array<{ healthy: boolean }>).every((n) => n.healthy)).toBe(true);
  });

  it('answers bad requests with typed JSON errors', async () => {
    expect((await api(cluster, 'POST', '/v1/keys', { protocol: 'frost-ed25519', t: 5, n: 3 })).json.code).toMatch(/SIGIL_E_/);
    const missing = await api(cluster, 'GET', '/v1/keys/does-not-exist');
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe('SIGIL_E_NOT_FOUND');
    const garbage = await api(cluster, 'POST', '/v1/keys', '{not json');
    expect(garbage.status).toBe(400);
  });

  it('signs on another quorum after a node is killed', async () => {
    const created = await api(cluster, 'POST', '/v1/keys', { protocol: 'frost-taproot', t: 2, n: 3 });
    expect(created.status).toBe(201);
    cluster.kill('node-1');
    await new Promise((r) => setTimeout(r, 500));
    const signed = await api(cluster, 'POST', `/v1/keys/${String(created.json.id)}/sign`, { message: randomBytes(32).toString('hex') });
    expect(signed.status).toBe(200);
    expect(signed.json.signers).toEqual([2, 3]);
  });
});
