/**
 * A participant node: holds its key shares and one-time nonces (sealed at
 * rest), runs protocol rounds, and answers the coordinator over one
 * long-lived mTLS stream of frames. It trusts the coordinator to route, not
 * to read: bundles to other nodes are sealed end to end.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { SigilError, loadCore, type Core } from '../core/index.ts';
import { COORDINATOR, FrameOutbox, SecureChannel, controlEnvelope, decodeControl, isControl, type Control, type StartSession } from '../cluster/index.ts';
import { Engine } from '../engine/index.ts';
import { SessionHost } from '../protocol/index.ts';
import { loadOrCreateRootSecret, openSqliteStore, type Store } from '../store/index.ts';
import { decodeFrame, peerName, serverCredentials, startNodeServer, type TlsFiles, type WireEnvelope, type WireFrame } from '../transport/index.ts';
import { KeyStore } from './keystore.ts';
import { NODE_PROTOCOLS } from './protocols.ts';
import { REQUESTS, signBatch, type RequestContext } from './requests.ts';
import { ecdsaSignBatch } from './ecdsa-requests.ts';

/** Node settings. */
export interface NodeConfig {
  readonly id: number;
  readonly dataDir: string;
  /** `host:port` to listen on (port 0 = any). */
  readonly listen: string;
  readonly tls: TlsFiles;
  /** Worker threads for protocol rounds (default: one per core). */
  readonly threads?: number;
  /** Paillier keys kept pre-generated for ECDSA key generation (default 1; 0 = none). */
  readonly paillierPool?: number;
}

type Stream = grpc.ServerDuplexStream<WireFrame, WireFrame>;

/** How long a node keeps a session that makes no progress. */
const SESSION_TIMEOUT_MS = 120_000;

/** A running node. */
export class Node {
  readonly #cfg: NodeConfig;
  readonly #core: Core;
  readonly #store: Store;
  readonly #keys: KeyStore;
  readonly #identity: Uint8Array;
  readonly #publicIdentity: Uint8Array;
  readonly #channel: SecureChannel;
  /** Protocol rounds (the heavy work) run here, batched per tick; one-shot signing runs inline. */
  readonly #engine: Engine;
  readonly #sessions = new Map<string, SessionHost<unknown>>();
  readonly #started = Date.now();
  #filling = false;
  #stopped = false;
  #server: grpc.Server | undefined;
  #stream: Stream | undefined;
  readonly #outbox = new FrameOutbox((frame) => this.#stream?.write(frame));

  private constructor(cfg: NodeConfig, core: Core, store: Store, keys: KeyStore, identity: Uint8Array) {
    this.#cfg = cfg;
    this.#core = core;
    this.#store = store;
    this.#keys = keys;
    this.#identity = identity;
    this.#publicIdentity = core.call('wire.identity_public', [identity])[0]!;
    this.#channel = new SecureChannel(core, cfg.id, identity);
    this.#engine = new Engine(cfg.threads === undefined ? {} : { threads: cfg.threads });
  }

  /** Open storage and identity (created on first run), then listen. */
  static async start(cfg: NodeConfig): Promise<{ node: Node; port: number }> {
    const core = await loadCore();
    const store = openSqliteStore(join(cfg.dataDir, 'node.db'));
    const masterKey = core.call('wire.master_key', [loadOrCreateRootSecret(join(cfg.dataDir, 'root.key'))])[0]!;
    const keys = new KeyStore(core, store, masterKey, cfg.id);
    const node = new Node(cfg, core, store, keys, await loadIdentity(core, store, keys, cfg.id));
    const { server, port } = await startNodeServer(cfg.listen, serverCredentials(cfg.tls), {
      connect: (stream) => node.#attach(stream),
      health: () => ({ nodeId: cfg.id, identity: node.#publicIdentity, version: '0.1.0', uptimeS: Math.floor((Date.now() - node.#started) / 1000) }),
    });
    node.#server = server;
    void node.#fillPaillierPool();
    return { node, port };
  }

  /**
   * Keep `paillierPool` Paillier keys ready (two 1024-bit safe primes each,
   * made on a worker thread), so an ECDSA key generation need not wait for
   * its safe-prime search. Refilled after each use.
   */
  async #fillPaillierPool(): Promise<void> {
    const target = this.#cfg.paillierPool ?? 1;
    if (this.#filling || this.#stopped) return;
    this.#filling = true;
    try {
      while (!this.#stopped && (await this.#keys.paillierLevel()) < target) {
        const [key] = await this.#engine.run('ecdsa.paillier_keygen', []);
        if (this.#stopped || !key) break;
        await this.#keys.putPaillier(randomUUID(), key);
      }
    } catch {
      // The pool is an optimisation: key generation makes its own key when it is empty.
    } finally {
      this.#filling = false;
    }
  }

  /** Stop serving and close storage. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stream?.end();
    await new Promise<void>((resolve) => (this.#server ? this.#server.tryShutdown(() => resolve()) : resolve()));
    await this.#engine.close();
    await this.#store.close();
  }

  #attach(stream: Stream): void {
    // Only the coordinator's certificate may drive this node (every process's
    // certificate comes from the same CA; the common name tells them apart).
    let peer: string;
    try {
      peer = peerName(stream as unknown as Parameters<typeof peerName>[0]);
    } catch {
      peer = '';
    }
    if (peer !== 'coordinator') {
      stream.emit('error', Object.assign(new Error('only the coordinator may connect'), { code: 16 }));
      stream.end();
      return;
    }
    this.#stream?.end();
    this.#stream = stream;
    stream.on('data', (frame: WireFrame) => this.#onFrame(frame));
    stream.on('error', () => undefined);
    stream.on('end', () => {
      if (this.#stream === stream) this.#stream = undefined;
    });
    this.#send(controlEnvelope(this.#cfg.id, COORDINATOR, { type: 'hello', node: this.#cfg.id, identity: this.#publicIdentity }));
  }

  #send(env: WireEnvelope): void {
    this.#outbox.push(env);
  }

  #onFrame(frame: WireFrame): void {
    let envelopes: WireEnvelope[];
    try {
      envelopes = decodeFrame(frame);
    } catch {
      return; // A malformed frame is dropped whole; the stream stays up.
    }
    const signs: Array<{ id: number; body: Readonly<Record<string, unknown>> }> = [];
    const ecdsaSigns: Array<{ id: number; body: Readonly<Record<string, unknown>> }> = [];
    for (const env of envelopes) {
      if (!isControl(env)) {
        this.#onBundle(env);
        continue;
      }
      let msg: Control;
      try {
        msg = decodeControl(env.payload);
      } catch {
        continue;
      }
      // Signing requests of one frame share one durable write (FROST nonces, ECDSA presignatures).
      if (msg.type === 'request' && msg.op === 'frost.sign') signs.push({ id: msg.id, body: msg.body });
      else if (msg.type === 'request' && msg.op === 'ecdsa.sign') ecdsaSigns.push({ id: msg.id, body: msg.body });
      else void this.#onControl(msg);
    }
    if (signs.length > 0) void this.#signBatch(signBatch, signs);
    if (ecdsaSigns.length > 0) void this.#signBatch(ecdsaSignBatch, ecdsaSigns);
  }

  async #signBatch(
    run: (ctx: RequestContext, bodies: ReadonlyArray<Readonly<Record<string, unknown>>>) => Promise<Array<Readonly<Record<string, unknown>> | SigilError>>,
    requests: Array<{ id: number; body: Readonly<Record<string, unknown>> }>,
  ): Promise<void> {
    let results: Array<Readonly<Record<string, unknown>> | SigilError>;
    try {
      results = await run({ core: this.#core, store: this.#store, keys: this.#keys }, requests.map((r) => r.body));
    } catch (err) {
      const e = err instanceof SigilError ? err : new SigilError('SIGIL_E_BUG', String(err));
      results = requests.map(() => e);
    }
    requests.forEach((r, i) => {
      const res = results[i]!;
      this.#send(controlEnvelope(this.#cfg.id, COORDINATOR, res instanceof Error
        ? { type: 'reply', id: r.id, ok: false, error: (res as SigilError).toJSON() }
        : { type: 'reply', id: r.id, ok: true, body: res }));
    });
  }

  #onBundle(env: WireEnvelope): void {
    try {
      const { session, bundle } = this.#channel.open(env);
      const host = this.#sessions.get(session);
      if (!host) throw new SigilError('SIGIL_E_NOT_FOUND', `no session ${session} here`);
      host.deliver(env.round, env.from, bundle);
    } catch {
      // Forged, tampered, replayed or stray envelopes are dropped: the session
      // either completes with the genuine messages or times out and is blamed.
    }
  }

  async #onControl(msg: Control): Promise<void> {
    try {
      if (msg.type === 'directory') {
        for (const n of msg.nodes) this.#channel.setPeer(n.node, n.identity);
      } else if (msg.type === 'start') {
        await this.#startSession(msg);
      } else if (msg.type === 'request') {
        await this.#answer(msg.id, msg.op, msg.body);
      } else if (msg.type === 'abort') {
        this.#sessions.get(msg.session)?.abort(new SigilError('SIGIL_E_ABORTED', `the coordinator ended the session (${msg.code})`));
      }
    } catch {
      // A directory that changes a pinned identity (or any other refusal) is
      // ignored; sessions needing that peer then fail and are blamed.
    }
  }

  async #answer(id: number, op: string, body: Readonly<Record<string, unknown>>): Promise<void> {
    const handler = REQUESTS.get(op);
    try {
      if (!handler) throw new SigilError('SIGIL_E_UNKNOWN_OP', `unknown request ${op}`);
      const result = await handler({ core: this.#core, store: this.#store, keys: this.#keys }, body);
      this.#send(controlEnvelope(this.#cfg.id, COORDINATOR, { type: 'reply', id, ok: true, body: result }));
    } catch (err) {
      const e = err instanceof SigilError ? err : new SigilError('SIGIL_E_BUG', (err as Error).message);
      this.#send(controlEnvelope(this.#cfg.id, COORDINATOR, { type: 'reply', id, ok: false, error: e.toJSON() }));
    }
  }

  async #startSession(start: StartSession): Promise<void> {
    const me = this.#cfg.id;
    const fail = (e: SigilError) =>
      this.#send(controlEnvelope(me, COORDINATOR, { type: 'failed', session: start.session, code: e.code, message: e.message, culprits: [...e.culprits] }));
    const protocol = NODE_PROTOCOLS.get(start.protocol);
    if (!protocol || this.#sessions.has(start.session) || !start.parties.includes(me)) {
      fail(new SigilError('SIGIL_E_INVALID_ARGUMENT', `cannot join session ${start.session}`));
      return;
    }
    const end = () => {
      clearTimeout(timer);
      this.#sessions.delete(start.session);
      this.#channel.endSession(start.session);
      // A key generation may have used a pre-generated Paillier key: refill once it is over.
      if (start.protocol === 'ecdsa.keygen') void this.#fillPaillierPool();
    };
    // A session the coordinator gave up on (another party failed) must not linger here.
    const timer = setTimeout(() => host.abort(new SigilError('SIGIL_E_ABORTED', 'session timed out on this node')), SESSION_TIMEOUT_MS);
    timer.unref();
    const host = new SessionHost<unknown>({
      me,
      parties: start.parties,
      descriptor: protocol.descriptor,
      ops: this.#engine,
      sink: {
        send: (to, round, bundle) => this.#send(this.#channel.seal(start.session, round, to, bundle)),
        done: (output) => {
          end();
          protocol.done(me, start, output, this.#keys, this.#core).then(
            (result) => this.#send(controlEnvelope(me, COORDINATOR, { type: 'done', session: start.session, result })),
            (err: unknown) => fail(err instanceof SigilError ? err : new SigilError('SIGIL_E_BUG', String(err))),
          );
        },
        failed: (e) => {
          end();
          fail(e);
        },
      },
    });
    this.#sessions.set(start.session, host);
    try {
      await host.start(await protocol.params(me, start, this.#keys));
    } catch (err) {
      host.abort(err instanceof SigilError ? err : new SigilError('SIGIL_E_BUG', String(err)));
    }
  }
}

/** This node's identity secret, created on first run and kept sealed in the store. */
async function loadIdentity(core: Core, store: Store, keys: KeyStore, id: number): Promise<Uint8Array> {
  const keyId = 'node-identity';
  const sealed = await store.shares.get(keyId, id);
  if (sealed) return keys.open(keyId, 'identity', 'x25519-ed25519', sealed);
  const [secret] = core.call('wire.identity_generate', []);
  await store.shares.put(keyId, id, keys.seal(keyId, 'identity', 'x25519-ed25519', secret!));
  return secret!;
}
