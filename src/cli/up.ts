/**
 * `sigil up`: a coordinator and N nodes as separate processes on loopback,
 * data under `./.sigil/`, mTLS certificates made on first run. Prints the
 * API URL and writes it to `.sigil/api-url`; Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ensureCa } from '../transport/index.ts';

/** Options of a local cluster. */
export interface LocalClusterOptions {
  /** Data directory (default `./.sigil`). */
  readonly dir?: string;
  /** Number of nodes (default 3). */
  readonly nodes?: number;
  /** HTTP API port (default 0 = any free port). */
  readonly httpPort?: number;
  /** Nonce commitments kept ready per key and node. */
  readonly pool?: number;
  /** ECDSA presignatures kept ready per key (default 16). */
  readonly presigs?: number;
  /** ECDSA presigning sessions run at once per key (default 2). */
  readonly presignConcurrency?: number;
  /** Paillier keys each node keeps pre-generated (default 1; 0 for runs that want no background work, e.g. FROST load tests). */
  readonly paillierPool?: number;
  /** Forward child output to this process's stderr. */
  readonly verbose?: boolean;
  /** Extra Node.js flags for the coordinator (e.g. `--cpu-prof`). */
  readonly coordinatorNodeArgs?: readonly string[];
  /** Extra Node.js flags for every node process. */
  readonly nodeNodeArgs?: readonly string[];
}

/** A running local cluster. */
export interface LocalCluster {
  readonly url: string;
  /** The coordinator's client gRPC port (CoordinatorService, mTLS with the cluster CA). */
  readonly grpcPort: number;
  readonly dir: string;
  readonly processes: ReadonlyMap<string, ChildProcess>;
  /** Stop one process (by name, e.g. `node-1`), as a crash would. */
  kill(name: string, signal?: NodeJS.Signals): void;
  /**
   * Stop one process (SIGTERM) and start it again with the same arguments;
   * resolves with its `listening` line (the coordinator's has the new `url`).
   */
  restart(name: string): Promise<Record<string, unknown>>;
  /** Stop every process. */
  stop(): Promise<void>;
}

const SRC = resolve(new URL('..', import.meta.url).pathname);
/** tsx's loader, resolved from this package so children work from any cwd. */
const TSX = import.meta.resolve('tsx');

function spawnTs(script: string, args: string[], verbose: boolean, nodeArgs: readonly string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, '--import', TSX, join(SRC, script), ...args], {
    stdio: ['ignore', 'pipe', verbose ? 'inherit' : 'pipe'],
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
}

/** Resolve with the first JSON line whose event is `listening`. */
function listening(child: ChildProcess, name: string, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  return new Promise((resolveLine, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs} ms`)), timeoutMs);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}\n${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const msg = JSON.parse(line) as Record<string, unknown>;
        if (msg.event === 'listening') {
          clearTimeout(timer);
          resolveLine(msg);
        }
      } catch {
        // not a status line
      }
    });
  });
}

/** Start a coordinator and `nodes` nodes; resolves when the API answers. */
export async function startLocalCluster(opts: LocalClusterOptions = {}): Promise<LocalCluster> {
  const dir = resolve(opts.dir ?? '.sigil');
  const certs = join(dir, 'certs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  ensureCa(certs);
  const processes = new Map<string, ChildProcess>();
  const stop = async () => {
    await Promise.all([...processes.values()].map((p) => new Promise<void>((done) => {
      if (p.exitCode !== null || p.signalCode !== null) return done();
      p.once('exit', () => done());
      p.kill('SIGTERM');
      setTimeout(() => p.kill('SIGKILL'), 5_000).unref();
    })));
  };
  try {
    const ids = Array.from({ length: opts.nodes ?? 3 }, (_, i) => i + 1);
    const addresses = await Promise.all(ids.map(async (id) => {
      const child = spawnTs('node/main.ts', ['--id', String(id), '--data', join(dir, `node-${id}`), '--certs', certs, '--paillier-pool', String(opts.paillierPool ?? 1)], opts.verbose ?? false, opts.nodeNodeArgs);
      processes.set(`node-${id}`, child);
      const { port } = await listening(child, `node-${id}`);
      return `${id}=localhost:${String(port)}`;
    }));
    const coordinator = spawnTs('coordinator/main.ts', [
      '--data', join(dir, 'coordinator'), '--certs', certs, '--nodes', addresses.join(','),
      '--http', `127.0.0.1:${opts.httpPort ?? 0}`, '--pool', String(opts.pool ?? 256),
      '--presigs', String(opts.presigs ?? 16), '--presign-concurrency', String(opts.presignConcurrency ?? 2),
    ], opts.verbose ?? false, opts.coordinatorNodeArgs);
    processes.set('coordinator', coordinator);
    const { url, grpcPort } = await listening(coordinator, 'coordinator');
    writeFileSync(join(dir, 'api-url'), `${String(url)}\n`);
    const restart = async (name: string) => {
      const old = processes.get(name);
      if (!old) throw new RangeError(`no process ${name}`);
      if (old.exitCode === null && old.signalCode === null) {
        const exited = new Promise((done) => old.once('exit', done));
        old.kill('SIGTERM');
        await exited;
      }
      const child = spawn(process.execPath, old.spawnargs.slice(1), {
        stdio: ['ignore', 'pipe', opts.verbose ? 'inherit' : 'pipe'],
        env: { ...process.env, NODE_NO_WARNINGS: '1' },
      });
      processes.set(name, child);
      const line = await listening(child, name);
      if (name === 'coordinator') writeFileSync(join(dir, 'api-url'), `${String(line.url)}\n`);
      return line;
    };
    return { url: String(url), grpcPort: Number(grpcPort), dir, processes, stop, restart, kill: (name, signal = 'SIGKILL') => processes.get(name)?.kill(signal) };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Create a 2-of-3 Ed25519 key, sign a message through the API and verify it with OpenSSL. */
async function demo(url: string): Promise<void> {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${String(json.code)}: ${String(json.message)}`);
    return json;
  };
  const key = await post('/v1/keys', { protocol: 'frost-ed25519', t: 2, n: 3, label: 'demo' });
  const message = Buffer.from('hello from sigil');
  const sig = await post(`/v1/keys/${String(key.id)}/sign`, { message: message.toString('hex') });
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(String(key.publicKey), 'hex').toString('base64url') }, format: 'jwk' });
  const ok = verify(null, message, publicKey, Buffer.from(String(sig.signature), 'hex'));
  console.log(`sigil: demo key ${String(key.id)} (FROST Ed25519 2-of-3), public key ${String(key.publicKey)}`);
  console.log(`sigil: signed "${message.toString()}" with nodes ${JSON.stringify(sig.signers)}: ${String(sig.signature)}`);
  console.log(`sigil: OpenSSL verifies the signature: ${ok}`);
  await ecdsaDemo(post);
}

/** Create a 2-of-3 ECDSA key (DKG with fresh Paillier keys), sign a SHA-256 digest from the presignature pool, verify with OpenSSL. */
async function ecdsaDemo(post: (path: string, body: unknown) => Promise<Record<string, unknown>>): Promise<void> {
  const key = await post('/v1/keys', { protocol: 'ecdsa-secp256k1', t: 2, n: 3, label: 'demo' });
  const message = Buffer.from('withdraw 0.1 BTC');
  const digest = createHash('sha256').update(message).digest();
  const sig = await post(`/v1/keys/${String(key.id)}/sign`, { message: digest.toString('hex') });
  const point = Buffer.from(String(key.publicKey), 'hex');
  const publicKey = createPublicKey({ key: Buffer.concat([SECP256K1_SPKI_PREFIX, point]), format: 'der', type: 'spki' });
  const ok = verify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(String(sig.signature), 'hex'));
  console.log(`sigil: demo key ${String(key.id)} (threshold ECDSA secp256k1 2-of-3), public key ${String(key.publicKey)}`);
  console.log(`sigil: signed sha256("${message.toString()}") with nodes ${JSON.stringify(sig.signers)} (${String(sig.mode)}): ${String(sig.signature)} recovery id ${String(sig.recoveryId)}`);
  console.log(`sigil: OpenSSL verifies the signature: ${ok}`);
}

/** DER prefix of a SubjectPublicKeyInfo for a compressed secp256k1 point (RFC 5480, OID 1.3.132.0.10). */
const SECP256K1_SPKI_PREFIX = Buffer.from('3036301006072a8648ce3d020106052b8104000a032200', 'hex');

/** `sigil up [--dir DIR] [--nodes N] [--port P] [--presigs N] [--demo]`. */
export async function up(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      dir: { type: 'string' }, nodes: { type: 'string', default: '3' }, port: { type: 'string', default: '0' },
      verbose: { type: 'boolean', default: false }, demo: { type: 'boolean', default: false }, presigs: { type: 'string', default: '16' },
    },
  });
  const nodes = Number(values.nodes);
  if (!Number.isInteger(nodes) || nodes < 2 || nodes > 32) throw new RangeError('--nodes must be 2–32');
  const presigs = Number(values.presigs);
  if (!Number.isInteger(presigs) || presigs < 0 || presigs > 100_000) throw new RangeError('--presigs must be 0–100000');
  const cluster = await startLocalCluster({ ...(values.dir ? { dir: values.dir } : {}), nodes, presigs, httpPort: Number(values.port), verbose: values.verbose ?? false });
  console.log(`sigil: ${nodes} nodes and a coordinator are up; API at ${cluster.url} (data in ${cluster.dir})`);
  if (values.demo) await demo(cluster.url).catch((err: Error) => console.error(`sigil: demo failed: ${err.message}`));
  console.log('sigil: press Ctrl-C to stop');
  await new Promise<void>((done) => {
    const onSignal = () => void cluster.stop().then(done);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}
