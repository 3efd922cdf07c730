/**
 * The coordinator: keeps links to every node, relays sealed bundles between
 * them, runs sessions (DKG, presigning, GG18 signing), keeps FROST
 * nonce-commitment pools and ECDSA presignature pools topped up and serves
 * the SigningService the APIs call. It holds no secret: only public keys,
 * public packages, commitments, public presignatures and session records.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SigilError, loadCore, toHex, type Core } from '../core/index.ts';
import { decodeFrostResult } from '../cluster/index.ts';
import { frostAggregate, type FrostSuite, type PartyId } from '../protocol/index.ts';
import { openSqliteStore, type KeyRecord, type Store } from '../store/index.ts';
import { ChannelPool, clientCredentials, loadProtos, type TlsFiles, type WireEnvelope } from '../transport/index.ts';
import type { ClusterPort, SessionKind, SessionOptions } from './cluster-port.ts';
import { EcdsaKeys } from './ecdsa.ts';
import { CommitmentPool } from './frost-pool.ts';
import { NodeLink } from './node-link.ts';
import { PresignPool } from './presign-pool.ts';
import { PresignRefiller } from './presign-refill.ts';
import { KEY_PROTOCOLS, type CreateKeyRequest, type Health, type KeyInfo, type KeyProtocol, type NodeInfo, type SessionInfo, type SignRequest, type SignatureResult, type SigningService } from './service.ts';

/** Coordinator settings. */
export interface CoordinatorConfig {
  readonly dataDir: string;
  readonly nodes: ReadonlyArray<{ readonly id: number; readonly address: string }>;
  readonly tls: TlsFiles;
  /** Nonce commitments kept ready per key and node (default 256). */
  readonly poolTarget?: number;
  /** Session deadline (default 60 s). */
  readonly sessionTimeoutMs?: number;
  /** ECDSA presignatures kept ready per key (default 16). */
  readonly presignTarget?: number;
  /** ECDSA presigning sessions run at once per key (default 2). */
  readonly presignConcurrency?: number;
  /** Deadline of one presigning session (default 30 s). */
  readonly presignTimeoutMs?: number;
  /** Deadline of an ECDSA key generation (default 180 s: fresh Paillier keys). */
  readonly keygenTimeoutMs?: number;
}

const SUITE_OF: Partial<Record<KeyProtocol, FrostSuite>> = { 'frost-ed25519': 'ed25519', 'frost-secp256k1': 'secp256k1', 'frost-taproot': 'secp256k1-tr' };
const CURVE_OF: Record<KeyProtocol, 'secp256k1' | 'ed25519'> = { 'ecdsa-secp256k1': 'secp256k1', 'frost-ed25519': 'ed25519', 'frost-secp256k1': 'secp256k1', 'frost-taproot': 'secp256k1' };
/** Nonce commitments fetched per node before a new key is returned. */
const FIRST_BATCH = 32;
/** ECDSA presignatures made before a new key is returned. */
const FIRST_PRESIGS = 2;
/** Party slot under which the coordinator keeps a key's public package / public key data (never a secret). */
const PUBLIC_PACKAGE_SLOT = 0;
/** Finished sessions remembered in memory (older ones are read from the store). */
const FINISHED_KEPT = 10_000;

interface RunningSession {
  readonly kind: SessionKind;
  readonly info: { id: string; protocol: string; keyId?: string; parties: readonly number[]; createdAt: string };
  readonly results: Map<number, Uint8Array>;
  resolve(results: Map<number, Uint8Array>): void;
  reject(err: SigilError): void;
  readonly timer: NodeJS.Timeout;
}

/** The coordinator process's core. */
export class Coordinator implements SigningService {
  readonly #cfg: CoordinatorConfig;
  readonly #core: Core;
  readonly #store: Store;
  readonly #pool: ChannelPool;
  readonly #links = new Map<number, NodeLink>();
  readonly #running = new Map<string, RunningSession>();
  readonly #finished = new Map<string, SessionInfo>();
  readonly #commitments = new CommitmentPool();
  readonly #refilling = new Set<string>();
  readonly #presigs = new PresignPool();
  readonly #refiller: PresignRefiller;
  readonly #ecdsa: EcdsaKeys;
  /** Keys and public packages never change once made: cached to keep the store off the signing path. */
  readonly #keyCache = new Map<string, { record: KeyRecord; publicPackage: Uint8Array | undefined }>();

  private constructor(cfg: CoordinatorConfig, core: Core, store: Store) {
    this.#cfg = cfg;
    this.#core = core;
    this.#store = store;
    this.#pool = new ChannelPool(clientCredentials(cfg.tls));
    const port: ClusterPort = {
      core,
      runSession: (kind, protocol, keyId, parties, params, opts) => this.#runSession(kind, protocol, keyId, parties, params, opts),
      healthy: (node) => this.#links.get(node)?.healthy ?? false,
      request: (node, op, body, timeoutMs) => {
        const link = this.#links.get(node);
        return link ? link.request(op, body, timeoutMs) : Promise.reject(new SigilError('SIGIL_E_PEER_UNAVAILABLE', `no node ${node}`, [node]));
      },
    };
    this.#refiller = new PresignRefiller(port, this.#presigs, {
      target: cfg.presignTarget ?? 16,
      concurrency: cfg.presignConcurrency ?? 2,
      timeoutMs: cfg.presignTimeoutMs ?? 30_000,
    });
    const sessionTimeoutMs = cfg.sessionTimeoutMs ?? 60_000;
    this.#ecdsa = new EcdsaKeys(port, this.#presigs, this.#refiller, {
      keygenTimeoutMs: cfg.keygenTimeoutMs ?? 180_000,
      signTimeoutMs: sessionTimeoutMs,
      partialTimeoutMs: 5_000,
    });
  }

  /** Open storage and connect to every node. */
  static async start(cfg: CoordinatorConfig): Promise<Coordinator> {
    const c = new Coordinator(cfg, await loadCore(), openSqliteStore(join(cfg.dataDir, 'coordinator.db')));
    const { NodeService } = loadProtos();
    for (const n of cfg.nodes) {
      const link = new NodeLink(n.id, n.address, c.#pool.get(NodeService, n.address), {
        hello: () => c.#sendDirectory(),
        sessionDone: (node, session, result) => c.#onDone(node, session, result),
        sessionFailed: (node, session, err) => c.#onFailed(node, session, err),
        relay: (env) => c.#relay(env),
        down: (node, err) => c.#onDown(node, err),
      });
      c.#links.set(n.id, link);
    }
    return c;
  }

  /** Wait until every node has connected. */
  async waitForNodes(timeoutMs = 20_000): Promise<void> {
    await Promise.all([...this.#links.values()].map((l) => l.ready(timeoutMs)));
  }

  /** Close links and storage; sessions still running are recorded as failed. */
  async stop(): Promise<void> {
    this.#refiller.close();
    for (const id of [...this.#running.keys()]) this.#finish(id, 'failed', new SigilError('SIGIL_E_ABORTED', 'the coordinator is stopping'));
    for (const l of this.#links.values()) l.close();
    this.#pool.close();
    await this.#store.close();
  }

  #sendDirectory(): void {
    const nodes = [...this.#links.values()].filter((l) => l.identity).map((l) => ({ node: l.id, identity: l.identity! }));
    for (const l of this.#links.values()) if (l.healthy) l.control({ type: 'directory', nodes });
  }

  #relay(env: WireEnvelope): void {
    // The coordinator cannot read or forge bundles; it only routes them.
    this.#links.get(env.to)?.send(env);
  }

  #onDone(node: number, session: string, result: Uint8Array): void {
    const s = this.#running.get(session);
    if (!s || !s.info.parties.includes(node)) return;
    s.results.set(node, result);
    if (s.results.size === s.info.parties.length) this.#finish(session, 'done');
  }

  /** A node's stream broke: its running sessions cannot finish; they fail now, naming it. */
  #onDown(node: number, err: SigilError): void {
    for (const [id, s] of [...this.#running]) {
      if (s.info.parties.includes(node) && !s.results.has(node)) {
        this.#finish(id, 'failed', new SigilError('SIGIL_E_PEER_UNAVAILABLE', `node ${node} went away during ${s.info.protocol}: ${err.message}`, [node]));
      }
    }
  }

  #onFailed(node: number, session: string, err: SigilError): void {
    if (this.#running.get(session)?.info.parties.includes(node)) this.#finish(session, 'failed', err);
  }

  #finish(session: string, status: 'done' | 'failed', err?: SigilError): void {
    const s = this.#running.get(session);
    if (!s) return;
    this.#running.delete(session);
    clearTimeout(s.timer);
    const now = new Date().toISOString();
    if (this.#finished.size >= FINISHED_KEPT) this.#finished.delete(this.#finished.keys().next().value!);
    this.#finished.set(session, {
      ...s.info,
      status,
      round: 0,
      updatedAt: now,
      ...(err ? { error: { code: err.code, message: err.message, culprits: [...err.culprits] } } : {}),
    });
    void this.#store.sessions.save({
      id: session,
      kind: s.kind,
      protocol: s.info.protocol,
      ...(s.info.keyId ? { keyId: s.info.keyId } : {}),
      state: new Uint8Array(0),
      round: 0,
      status,
      ...(err ? { errorCode: err.code } : {}),
      updatedAt: now,
    }).catch(() => undefined);
    if (err) {
      // Parties still running drop the session now instead of at their own timeout.
      for (const p of s.info.parties) if (!s.results.has(p)) this.#links.get(p)?.control({ type: 'abort', session, code: err.code });
      s.reject(err);
    } else {
      s.resolve(s.results);
    }
  }

  /**
   * After a restart: sessions that were running are recorded as failed (their
   * parties dropped them with the stream), and every key's commitment pools
   * are refilled (the coordinator keeps them in memory only). ECDSA
   * presignature pools refill in the background (signing falls back to GG18
   * until they do); presignatures nodes made before the restart stay unused.
   */
  async resume(): Promise<void> {
    for (const s of await this.#store.sessions.listByStatus('running')) {
      await this.#store.sessions.save({ ...s, status: 'failed', errorCode: 'SIGIL_E_ABORTED', updatedAt: new Date().toISOString() });
    }
    const keys = await this.#store.keys.list({ limit: 10_000 });
    for (const k of keys) if (k.protocol === 'ecdsa-secp256k1') void this.#refiller.refill(k);
    await Promise.all(keys.flatMap((k) => {
      const suite = SUITE_OF[k.protocol as KeyProtocol];
      return suite ? k.parties.filter((p) => this.#links.get(p)?.healthy).map((p) => this.#refill(k.id, suite, p).catch(() => undefined)) : [];
    }));
  }

  /** Run a session on `parties`; resolves with each party's public result. */
  #runSession(kind: SessionKind, protocol: string, keyId: string, parties: readonly number[], params: Record<string, unknown>, opts: SessionOptions = {}): Promise<Map<number, Uint8Array>> {
    const id = opts.id ?? randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const missing = parties.filter((p) => !this.#running.get(id)?.results.has(p));
        this.#finish(id, 'failed', new SigilError('SIGIL_E_ABORTED', `${protocol} timed out waiting for node(s) ${missing.join(', ')}`, missing));
      }, opts.timeoutMs ?? this.#cfg.sessionTimeoutMs ?? 60_000);
      const createdAt = new Date().toISOString();
      this.#running.set(id, { kind, info: { id, protocol, keyId, parties, createdAt }, results: new Map(), resolve, reject, timer });
      void this.#store.sessions.save({ id, kind, protocol, keyId, state: new Uint8Array(0), round: 1, status: 'running', updatedAt: createdAt }).catch(() => undefined);
      const down = parties.filter((p) => !this.#links.get(p)?.healthy);
      if (down.length > 0) {
        this.#finish(id, 'failed', new SigilError('SIGIL_E_PEER_UNAVAILABLE', `node(s) ${down.join(', ')} not reachable`, down));
        return;
      }
      for (const p of parties) this.#links.get(p)!.control({ type: 'start', session: id, protocol, keyId, parties, params });
    });
  }

  #healthyNodes(): number[] {
    return [...this.#links.values()].filter((l) => l.healthy).map((l) => l.id).sort((a, b) => a - b);
  }

  /** @inheritdoc */
  async createKey(req: CreateKeyRequest): Promise<KeyInfo> {
    validateCreate(req, this.#links.size);
    const healthy = this.#healthyNodes();
    if (healthy.length < req.n) throw new SigilError('SIGIL_E_PEER_UNAVAILABLE', `${healthy.length} healthy nodes, need ${req.n}`);
    const parties = healthy.slice(0, req.n);
    if (req.protocol === 'ecdsa-secp256k1') return this.#createEcdsaKey(req, parties);
    const suite = SUITE_OF[req.protocol];
    if (!suite) throw new SigilError('SIGIL_E_UNKNOWN_OP', `${req.protocol} keys are not served by this cluster yet`);
    const keyId = randomUUID();
    const results = await this.#runSession('keygen', 'frost.dkg', keyId, parties, { suite, t: req.t });
    const decoded = [...results.values()].map(decodeFrostResult);
    const first = decoded[0]!;
    if (decoded.some((d) => toHex(d.groupKey) !== toHex(first.groupKey) || toHex(d.publicPackage) !== toHex(first.publicPackage))) {
      throw new SigilError('SIGIL_E_ABORTED', 'parties disagree on the group key');
    }
    const record: KeyRecord = {
      id: keyId,
      protocol: req.protocol,
      curve: CURVE_OF[req.protocol],
      t: req.t,
      n: req.n,
      parties,
      publicKey: first.verifyKey,
      ...(req.label ? { label: req.label } : {}),
      createdAt: new Date().toISOString(),
    };
    await this.#store.keys.create(record);
    await this.#store.shares.put(keyId, PUBLIC_PACKAGE_SLOT, first.publicPackage);
    // A first batch of nonces before answering, so the key can sign at once; the rest fills in the background.
    await Promise.all(parties.map((p) => this.#refill(keyId, suite, p, FIRST_BATCH)));
    for (const p of parties) void this.#refill(keyId, suite, p).catch(() => undefined);
    return keyInfo(record);
  }

  /** ECDSA DKG; a first few presignatures are made before answering, the rest fill in the background. */
  async #createEcdsaKey(req: CreateKeyRequest, parties: readonly number[]): Promise<KeyInfo> {
    const keyId = randomUUID();
    const { groupKey, publicData } = await this.#ecdsa.keygen(keyId, parties, req.t);
    const record: KeyRecord = {
      id: keyId,
      protocol: req.protocol,
      curve: 'secp256k1',
      t: req.t,
      n: req.n,
      parties: [...parties],
      publicKey: groupKey,
      ...(req.label ? { label: req.label } : {}),
      createdAt: new Date().toISOString(),
    };
    await this.#store.keys.create(record);
    await this.#store.shares.put(keyId, PUBLIC_PACKAGE_SLOT, publicData);
    await this.#refiller.refill(record, FIRST_PRESIGS);
    void this.#refiller.refill(record);
    return keyInfo(record);
  }

  async #refill(keyId: string, suite: FrostSuite, node: number, upTo?: number): Promise<void> {
    const target = Math.min(upTo ?? Infinity, this.#cfg.poolTarget ?? 256);
    const slot = `${keyId}/${node}`;
    if (this.#refilling.has(slot)) return;
    this.#refilling.add(slot);
    try {
      while (this.#commitments.level(keyId, node) < target) {
        const count = Math.min(256, target - this.#commitments.level(keyId, node));
        const body = await this.#links.get(node)!.request('frost.commit', { keyId, suite, count }, 30_000);
        const items = (body.nonces as Array<[string, Uint8Array]>).map(([nonceId, commitments]) => ({ nonceId, commitments }));
        this.#commitments.add(keyId, node, items);
      }
    } finally {
      this.#refilling.delete(slot);
    }
  }

  async #cached(id: string): Promise<{ record: KeyRecord; publicPackage: Uint8Array | undefined }> {
    let entry = this.#keyCache.get(id);
    if (!entry) {
      const record = await this.#store.keys.get(id);
      if (!record) throw new SigilError('SIGIL_E_NOT_FOUND', `no key ${id}`);
      entry = { record, publicPackage: await this.#store.shares.get(id, PUBLIC_PACKAGE_SLOT) };
      this.#keyCache.set(id, entry);
    }
    return entry;
  }

  async #record(id: string): Promise<KeyRecord> {
    return (await this.#cached(id)).record;
  }

  /** @inheritdoc */
  async getKey(id: string): Promise<KeyInfo> {
    return keyInfo(await this.#record(id));
  }

  /** @inheritdoc */
  async listKeys(): Promise<KeyInfo[]> {
    return (await this.#store.keys.list({ limit: 1000 })).map(keyInfo);
  }

  /** @inheritdoc */
  async sign(req: SignRequest): Promise<SignatureResult> {
    const { record: key, publicPackage } = await this.#cached(req.keyId);
    if (key.protocol === 'ecdsa-secp256k1') return this.#ecdsa.sign(key, req.message, req.mode ?? 'presigned');
    if (req.mode === 'gg18') throw new SigilError('SIGIL_E_INVALID_ARGUMENT', 'mode gg18 applies to ECDSA keys only');
    const suite = SUITE_OF[key.protocol as KeyProtocol];
    if (!suite) throw new SigilError('SIGIL_E_UNKNOWN_OP', `${key.protocol} signing is not served by this cluster yet`);
    if (req.message.length > 65_536) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', 'message exceeds 64 KiB');
    if (!publicPackage) throw new SigilError('SIGIL_E_NOT_FOUND', 'public package missing');
    // A failed signer is left out and the signature retried on another quorum.
    const excluded = new Set<number>();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#signOnce(key, suite, publicPackage, req.message, excluded);
      } catch (err) {
        const e = err instanceof SigilError ? err : new SigilError('SIGIL_E_BUG', String(err));
        const retryable = e.code === 'SIGIL_E_PEER_DEADLINE' || e.code === 'SIGIL_E_PEER_UNAVAILABLE';
        if (!retryable || attempt >= key.n - key.t || e.culprits.length === 0) throw e;
        for (const c of e.culprits) excluded.add(c);
      }
    }
  }

  async #signOnce(key: KeyRecord, suite: FrostSuite, publicPackage: Uint8Array, message: Uint8Array, excluded: ReadonlySet<number>): Promise<SignatureResult> {
    // Spread the load: the nodes with the fullest pools sign.
    const ready = key.parties.filter((p) => !excluded.has(p) && this.#links.get(p)?.healthy && this.#commitments.level(key.id, p) > 0);
    ready.sort((a, b) => this.#commitments.level(key.id, b) - this.#commitments.level(key.id, a) || a - b);
    const signers = ready.slice(0, key.t).sort((a, b) => a - b);
    if (signers.length < key.t) throw new SigilError('SIGIL_E_PEER_UNAVAILABLE', `only ${signers.length} of ${key.t} signers are ready`);
    const assigned = new Map(signers.map((s) => [s, this.#commitments.take(key.id, s)!] as const));
    const low = (this.#cfg.poolTarget ?? 256) / 2;
    for (const s of signers) if (this.#commitments.level(key.id, s) < low) void this.#refill(key.id, suite, s).catch(() => undefined);
    const commitments = new Map<PartyId, Uint8Array>([...assigned].map(([s, c]) => [s, c.commitments]));
    const list = [...commitments].map(([id, c]) => [id, c]);
    const shares = new Map<PartyId, Uint8Array>();
    await Promise.all(signers.map(async (s) => {
      const body = await this.#links.get(s)!.request('frost.sign', { keyId: key.id, suite, nonceId: assigned.get(s)!.nonceId, message, commitments: list }, 5_000);
      shares.set(s, body.share as Uint8Array);
    }));
    // Aggregation verifies every share (blaming a bad one) and the final signature.
    const signature = await frostAggregate(this.#core, suite, publicPackage, { message, commitments }, shares);
    return { keyId: key.id, sessionId: randomUUID(), signature: toHex(signature), signers };
  }

  /** @inheritdoc */
  async signBatch(keyId: string, messages: readonly Uint8Array[], mode?: 'presigned' | 'gg18'): Promise<SignatureResult[]> {
    // Every hash is checked before any presignature is spent on the batch.
    const { record } = await this.#cached(keyId);
    const bad = record.protocol === 'ecdsa-secp256k1' ? messages.findIndex((m) => m.length !== 32) : -1;
    if (bad >= 0) throw new SigilError('SIGIL_E_INVALID_LENGTH', `message ${bad}: ECDSA signs a 32-byte hash, got ${messages[bad]!.length} bytes`);
    return Promise.all(messages.map((message) => this.sign({ keyId, message, ...(mode ? { mode } : {}) })));
  }

  /** @inheritdoc */
  async getSession(id: string): Promise<SessionInfo> {
    const running = this.#running.get(id);
    if (running) return { ...running.info, status: 'running', round: 0, updatedAt: new Date().toISOString() };
    const done = this.#finished.get(id);
    if (done) return done;
    const stored = await this.#store.sessions.get(id);
    if (!stored) throw new SigilError('SIGIL_E_NOT_FOUND', `no session ${id}`);
    return {
      id: stored.id,
      protocol: stored.protocol,
      ...(stored.keyId ? { keyId: stored.keyId } : {}),
      status: stored.status === 'done' ? 'done' : stored.status === 'running' ? 'running' : 'failed',
      round: stored.round,
      parties: [],
      ...(stored.errorCode ? { error: { code: stored.errorCode, message: stored.errorCode, culprits: [] } } : {}),
      createdAt: stored.updatedAt,
      updatedAt: stored.updatedAt,
    };
  }

  /** @inheritdoc */
  async listNodes(): Promise<NodeInfo[]> {
    const keys = await this.#store.keys.list({ limit: 1000 });
    return [...this.#links.values()].map((l) => ({
      id: l.id,
      address: l.address,
      healthy: l.healthy,
      ...(l.lastSeen ? { lastSeen: new Date(l.lastSeen).toISOString() } : {}),
      pools: Object.fromEntries(keys.filter((k) => k.parties.includes(l.id)).map((k) => [
        k.id,
        k.protocol === 'ecdsa-secp256k1' ? this.#presigs.level(k.id, l.id) : this.#commitments.level(k.id, l.id),
      ])),
    }));
  }

  /** @inheritdoc */
  async health(): Promise<Health> {
    const healthyNodes = this.#healthyNodes().length;
    return { ok: healthyNodes >= Math.min(2, this.#links.size), nodes: this.#links.size, healthyNodes, leader: true };
  }
}

function validateCreate(req: CreateKeyRequest, clusterSize: number): void {
  if (!KEY_PROTOCOLS.includes(req.protocol)) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', `unknown protocol ${String(req.protocol)}`);
  if (!Number.isInteger(req.t) || !Number.isInteger(req.n) || req.t < 2 || req.t > req.n || req.n > clusterSize) {
    throw new SigilError('SIGIL_E_INVALID_THRESHOLD', `need 2 ≤ t ≤ n ≤ ${clusterSize}`);
  }
  if (req.label !== undefined && (typeof req.label !== 'string' || req.label.length > 128)) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', 'label too long');
}

function keyInfo(k: KeyRecord): KeyInfo {
  return {
    id: k.id,
    protocol: k.protocol as KeyProtocol,
    curve: k.curve as 'secp256k1' | 'ed25519',
    t: k.t,
    n: k.n,
    parties: k.parties,
    publicKey: toHex(k.publicKey),
    ...(k.label ? { label: k.label } : {}),
    createdAt: k.createdAt,
  };
}
