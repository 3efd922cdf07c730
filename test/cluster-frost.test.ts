import { createPublicKey, randomBytes, verify as osslVerify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schnorr } from '@noble/curves/secp256k1.js';
import { fromHex } from '../src/core/index.ts';
import { createApi, startCoordinatorGrpc } from '../src/api/index.ts';
import { Coordinator, type CoordinatorConfig } from '../src/coordinator/coordinator.ts';
import { Node } from '../src/node/node.ts';
import { clientCredentials, ensureCa, ensureProcessCert, loadProtos, serverCredentials } from '../src/transport/index.ts';

describe('a local cluster over loopback gRPC (mTLS): FROST DKG and signing', () => {
  const dir = mkdtempSyncSafe();
  const nodes: Node[] = [];
  let coordinator: Coordinator;
  let config: CoordinatorConfig;
  const addresses: Array<{ id: number; address: string }> = [];

  beforeAll(async () => {
    const certs = join(dir, 'certs');
    ensureCa(certs);
    for (const id of [1, 2, 3]) {
      const { node, port } = await Node.start({ id, dataDir: join(dir, `node-${id}`), listen: 'localhost:0', tls: ensureProcessCert(certs, `node-${id}`), threads: 1 });
      nodes.push(node);
      addresses.push({ id, address: `localhost:${port}` });
    }
    config = { dataDir: join(dir, 'coordinator'), nodes: addresses, tls: ensureProcessCert(certs, 'coordinator'), poolTarget: 16 };
    coordinator = await Coordinator.start(config);
    await coordinator.waitForNodes();
  });

  afterAll(async () => {
    await coordinator?.stop();
    for (const n of nodes) await n.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a 2-of-3 Ed25519 key and signs; OpenSSL verifies', async () => {
    const key = await coordinator.createKey({ protocol: 'frost-ed25519', t: 2, n: 3 });
    expect(key.parties).toEqual([1, 2, 3]);
    const spki = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(fromHex(key.publicKey)).toString('base64url') }, format: 'jwk' });
    for (let i = 0; i < 5; i++) {
      const message = randomBytes(64);
      const sig = await coordinator.sign({ keyId: key.id, message });
      expect(osslVerify(null, message, spki, fromHex(sig.signature))).toBe(true);
    }
    const nodesInfo = await coordinator.listNodes();
    expect(nodesInfo.every((n) => n.healthy)).toBe(true);
  });

  it('creates a Taproot key; signatures verify as BIP-340', async () => {
    const key = await coordinator.createKey({ protocol: 'frost-taproot', t: 2, n: 3 });
    const message = randomBytes(32);
    const sig = await coordinator.sign({ keyId: key.id, message });
    expect(schnorr.verify(fromHex(sig.signature), message, fromHex(key.publicKey))).toBe(true);
  });

  it('rejects bad requests with typed errors', async () => {
    await expect(coordinator.createKey({ protocol: 'frost-ed25519', t: 4, n: 3 })).rejects.toMatchObject({ code: 'SIGIL_E_INVALID_THRESHOLD' });
    await expect(coordinator.getKey('nope')).rejects.toMatchObject({ code: 'SIGIL_E_NOT_FOUND' });
  });

  it('serves the HTTP API: validation, errors, request ids, batch, metrics, OpenAPI', async () => {
    const app = createApi(coordinator);
    const key = await coordinator.createKey({ protocol: 'frost-ed25519', t: 2, n: 3 });
    const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url, payload: payload as string, headers: { 'content-type': 'application/json', ...headers } });
    const ok = await post(`/v1/keys/${key.id}/sign`, { message: 'aa'.repeat(32) }, { 'x-request-id': 'req-42' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['x-request-id']).toBe('req-42');
    const batch = await post(`/v1/keys/${key.id}/sign-batch`, { messages: ['01', '02', '03'] });
    expect(batch.json().signatures).toHaveLength(3);
    for (const [payload, status] of [
      [{ message: 'zz' }, 400],
      [{ message: 'aa', extra: 1 }, 400],
      [{ messages: Array(1001).fill('aa') }, 400],
    ] as const) {
      const url = 'messages' in payload ? `/v1/keys/${key.id}/sign-batch` : `/v1/keys/${key.id}/sign`;
      const res = await post(url, payload);
      expect(res.statusCode).toBe(status);
      expect(res.json().code).toBe('SIGIL_E_BAD_REQUEST');
    }
    expect((await post('/v1/keys', { protocol: 'rsa', t: 2, n: 3 })).json().code).toBe('SIGIL_E_BAD_REQUEST');
    expect((await post('/v1/keys', { protocol: 'frost-ed25519', t: 3, n: 9 })).json().code).toBe('SIGIL_E_INVALID_THRESHOLD');
    expect((await post(`/v1/keys/${key.id}/sign`, { message: 'aa'.repeat(1 << 20) })).statusCode).toBe(413);
    const missing = await app.inject({ method: 'GET', url: '/v1/keys/nope' });
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'SIGIL_E_NOT_FOUND']);
    expect((await app.inject({ method: 'GET', url: '/nowhere' })).json().code).toBe('SIGIL_E_NOT_FOUND');
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/sigil_signatures_total\{protocol="any",outcome="ok"\} [1-9]/);
    expect(metrics).toMatch(/sigil_pool_level\{/);
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/keys', '/v1/keys/{id}/sign', '/v1/keys/{id}/sign-batch', '/v1/nodes', '/healthz', '/metrics']));
    await app.close();
  });

  it('serves the client gRPC API over mTLS with typed errors', async () => {
    const certs = join(dir, 'certs');
    const { server, port } = await startCoordinatorGrpc(coordinator, 'localhost:0', serverCredentials(ensureProcessCert(certs, 'coordinator')));
    const { CoordinatorService } = loadProtos();
    const client = new CoordinatorService(`localhost:${port}`, clientCredentials(ensureProcessCert(certs, 'client')));
    const rpc = <T>(method: string, req: unknown) =>
      new Promise<T>((resolve, reject) => (client as unknown as Record<string, Function>)[method]!.call(client, req, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))));
    const key = await rpc<{ id: string; publicKey: string; parties: number[] }>('createKey', { protocol: 'frost-ed25519', t: 2, n: 3 });
    expect(key.parties).toEqual([1, 2, 3]);
    const message = randomBytes(32);
    const sig = await rpc<{ signature: string }>('sign', { keyId: key.id, message: message.toString('hex') });
    const spki = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(fromHex(key.publicKey)).toString('base64url') }, format: 'jwk' });
    expect(osslVerify(null, message, spki, fromHex(sig.signature))).toBe(true);
    const err = await rpc('getKey', { id: 'nope' }).catch((e: { code: number; metadata: { get(k: string): unknown[] } }) => e);
    expect((err as { code: number }).code).toBe(5);
    expect((err as { metadata: { get(k: string): unknown[] } }).metadata.get('sigil-code')).toEqual(['SIGIL_E_NOT_FOUND']);
    const bad = await rpc('sign', { keyId: key.id, message: 'zz' }).catch((e: { code: number }) => e);
    expect((bad as { code: number }).code).toBe(3);
    client.close();
    await new Promise<void>((r) => server.tryShutdown(() => r()));
  });

  it('nodes refuse a stream from anything but the coordinator', async () => {
    const certs = join(dir, 'certs');
    const { NodeService } = loadProtos();
    const client = new NodeService(addresses[1]!.address, clientCredentials(ensureProcessCert(certs, 'client')));
    const stream = (client as unknown as { connect(): NodeJS.EventEmitter & { end(): void } }).connect();
    const outcome = await new Promise<string>((resolve) => {
      stream.on('data', () => resolve('data'));
      stream.on('error', (e: { code?: number }) => resolve(`error ${e.code}`));
      stream.on('end', () => resolve('end'));
      setTimeout(() => resolve('timeout'), 3000);
    });
    expect(outcome).not.toBe('data');
    expect(outcome).not.toBe('timeout');
    client.close();
  });

  it('survives a coordinator restart: keys and sessions intact, signing resumes', async () => {
    const key = await coordinator.createKey({ protocol: 'frost-secp256k1', t: 2, n: 3 });
    const sessions = await coordinator.listKeys();
    await coordinator.stop();
    coordinator = await Coordinator.start(config);
    await coordinator.waitForNodes();
    await coordinator.resume();
    expect((await coordinator.listKeys()).map((k) => k.id)).toEqual(sessions.map((k) => k.id));
    expect((await coordinator.getKey(key.id)).publicKey).toBe(key.publicKey);
    const sig = await coordinator.sign({ keyId: key.id, message: randomBytes(32) });
    expect(sig.signature).toHaveLength(130);
  });

  it('keeps signing when a node goes away (another quorum)', async () => {
    const key = await coordinator.createKey({ protocol: 'frost-ed25519', t: 2, n: 3 });
    await nodes[0]!.stop();
    await new Promise((r) => setTimeout(r, 300));
    const message = randomBytes(16);
    const sig = await coordinator.sign({ keyId: key.id, message });
    expect(sig.signers).toEqual([2, 3]);
  });
});

function mkdtempSyncSafe(): string {
  return mkdtempSync(join(tmpdir(), 'sigil-cluster-'));
}
