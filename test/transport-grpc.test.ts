import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { ensureProcessCert, type TlsFiles } from '../src/transport/certs.ts';
import {
  ChannelPool,
  clientCredentials,
  loadProtos,
  peerName,
  serverCredentials,
  startNodeServer,
} from '../src/transport/grpc.ts';
import { PeerStream } from '../src/transport/peer-stream.ts';
import { decodeFrame, encodeFrame, type WireFrame } from '../src/transport/frame.ts';

let dir: string;
let serverTls: TlsFiles;
let clientTls: TlsFiles;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sigil-tls-'));
  serverTls = ensureProcessCert(join(dir, 'pki'), 'node-1');
  clientTls = ensureProcessCert(join(dir, 'pki'), 'coordinator');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const peers: string[] = [];

/** An echo node: answers every frame with the same frame. */
async function echoServer(port = 0): Promise<{ server: grpc.Server; port: number }> {
  return startNodeServer(`127.0.0.1:${port}`, serverCredentials(serverTls), {
    connect(stream) {
      peers.push(peerName(stream));
      stream.on('data', (f: WireFrame) => stream.write(f));
      stream.on('end', () => stream.end());
      stream.on('error', () => undefined);
    },
    health: () => ({ nodeId: 1, identity: new Uint8Array(64), version: 'test', uptimeS: 1 }),
  });
}

function frameOf(seq: number): WireFrame {
  return encodeFrame([{
    sessionId: new Uint8Array([1, 2, 3]), round: 1, from: 1, to: 2, seq,
    payload: new Uint8Array(100).fill(seq & 0xff), signature: new Uint8Array(64),
  }]);
}

function collector(): { frames: WireFrame[]; next(n: number, ms?: number): Promise<WireFrame[]> } {
  const frames: WireFrame[] = [];
  return {
    frames,
    async next(n, ms = 5000) {
      const until = Date.now() + ms;
      while (frames.length < n) {
        if (Date.now() > until) throw new Error(`only ${frames.length}/${n} frames`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return frames.slice(0, n);
    },
  };
}

describe('certificates', () => {
  it('creates a CA and per-process certs once, keys private', () => {
    expect(statSync(serverTls.key).mode & 0o077).toBe(0);
    const again = ensureProcessCert(join(dir, 'pki'), 'node-1');
    expect(statSync(again.cert).mtimeMs).toBe(statSync(serverTls.cert).mtimeMs);
    expect(() => ensureProcessCert(join(dir, 'pki'), 'Bad Name')).toThrow(RangeError);
  });
});

describe('mTLS bidi stream', () => {
  it('streams frames over mTLS and answers Health', async () => {
    const { server, port } = await echoServer();
    const pool = new ChannelPool(clientCredentials(clientTls));
    const client = pool.get(loadProtos().NodeService, `127.0.0.1:${port}`);
    expect(pool.get(loadProtos().NodeService, `127.0.0.1:${port}`)).toBe(client);
    const got = collector();
    const peer = new PeerStream(client, { onFrame: (f) => got.frames.push(f) });
    for (let i = 1; i <= 3; i++) peer.send(frameOf(i)); // queued until open
    await peer.waitOpen(5000);
    const frames = await got.next(3);
    expect(frames.map((f) => decodeFrame(f)[0]!.seq)).toEqual([1, 2, 3]);
    const health = await new Promise<{ nodeId: number; version: string }>((resolve, reject) => {
      (client as unknown as { health(req: object, cb: (e: Error | null, r: { nodeId: number; version: string }) => void): void })
        .health({}, (e, r) => (e ? reject(e) : resolve(r)));
    });
    expect(health).toMatchObject({ nodeId: 1, version: 'test' });
    expect(peers).toContain('coordinator');
    expect(() => peerName({ getAuthContext: () => null })).toThrow(/no certificate/);
    peer.close();
    pool.close();
    server.forceShutdown();
  });

  it('refuses a client whose certificate comes from another CA', async () => {
    const { server, port } = await echoServer();
    const rogue = ensureProcessCert(join(dir, 'rogue'), 'coordinator');
    const mixed = { ca: clientTls.ca, key: rogue.key, cert: rogue.cert };
    const pool = new ChannelPool(clientCredentials(mixed));
    const got = collector();
    const peer = new PeerStream(pool.get(loadProtos().NodeService, `127.0.0.1:${port}`), { onFrame: (f) => got.frames.push(f) }, { connectDeadlineMs: 300 });
    peer.send(frameOf(1));
    await expect(got.next(1, 1500)).rejects.toThrow(/only 0/);
    peer.close();
    pool.close();
    server.forceShutdown();
  });

  it('reconnects with backoff after a server restart', async () => {
    const first = await echoServer();
    const port = first.port;
    const pool = new ChannelPool(clientCredentials(clientTls));
    const got = collector();
    const downs: number[] = [];
    let opens = 0;
    const peer = new PeerStream(pool.get(loadProtos().NodeService, `127.0.0.1:${port}`), {
      onFrame: (f) => got.frames.push(f),
      onOpen: () => { opens += 1; },
      onDown: (_e, ms) => downs.push(ms),
    }, { initialBackoffMs: 50, maxBackoffMs: 400, connectDeadlineMs: 300 });
    await peer.waitOpen(5000);
    peer.send(frameOf(1));
    await got.next(1);
    first.server.forceShutdown();
    await new Promise((r) => setTimeout(r, 700));
    expect(peer.state).not.toBe('open');
    expect(downs.length).toBeGreaterThan(0);
    peer.send(frameOf(2)); // queued while down
    const second = await echoServer(port);
    await peer.waitOpen(10_000);
    const frames = await got.next(2, 10_000);
    expect(decodeFrame(frames[1]!)[0]!.seq).toBe(2);
    expect(opens).toBe(2);
    // Backoff grows between failed attempts and stays under the cap (+ jitter).
    expect(Math.max(...downs)).toBeLessThanOrEqual(400 * 1.2 + 1);
    peer.close();
    expect(() => peer.send(frameOf(3))).toThrow(/closed/);
    pool.close();
    second.server.forceShutdown();
  }, 20_000);
});
