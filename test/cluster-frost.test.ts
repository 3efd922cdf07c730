import { createPublicKey, randomBytes, verify as osslVerify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schnorr } from '@noble/curves/secp256k1.js';
import { fromHex } from '../src/core/index.ts';
import { Coordinator, type CoordinatorConfig } from '../src/coordinator/coordinator.ts';
import { Node } from '../src/node/node.ts';
import { ensureCa, ensureProcessCert } from '../src/transport/index.ts';

describe('a local cluster over loopback gRPC (mTLS): FROST DKG and signing', () => {
  const dir = mkdtempSyncSafe();
  const nodes: Node[] = [];
  let coordinator: Coordinator;
  let config: CoordinatorConfig;

  beforeAll(async () => {
    const certs = join(dir, 'certs');
    ensureCa(certs);
    const addresses: Array<{ id: number; address: string }> = [];
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
