/**
 * `npm run loadtest`: signing through the HTTP API of a local cluster
 * (started here unless `--url` points at one), driven by autocannon.
 * Writes bench/results/loadtest.json: one entry per run with TPS, latency
 * percentiles and errors, plus the machine it ran on. ECDSA runs (see
 * loadtest/ecdsa.ts) go to bench/results/loadtest-ecdsa.json, one entry per mode.
 *
 *   npm run loadtest -- [--protocol frost-ed25519] [--duration 30] [--connections 64] [--url URL]
 *   npm run loadtest -- --protocol ecdsa-secp256k1 [--presigs 300] [--connections 64] [--duration 60]
 *   npm run loadtest -- --protocol ecdsa-secp256k1 --mode gg18 [--connections 2] [--duration 30]
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startLocalCluster, type LocalCluster } from '../src/cli/up.ts';
import { runEcdsa } from './ecdsa.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    protocol: { type: 'string', default: 'frost-ed25519' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    pool: { type: 'string', default: '4096' },
    mode: { type: 'string', default: 'presigned' },
    presigs: { type: 'string', default: '300' },
    'presign-concurrency': { type: 'string', default: '3' },
  },
});
const ecdsa = values.protocol === 'ecdsa-secp256k1';
const gg18 = ecdsa && values.mode === 'gg18';
if (values.mode !== 'presigned' && values.mode !== 'gg18') throw new RangeError('--mode must be presigned or gg18');
values.duration ??= ecdsa ? '60' : '30';
values.connections ??= gg18 ? '2' : '64';

async function post(url: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${path}: ${String(json.code)} ${String(json.message)}`);
  return json;
}

/** Wait until every node's pool for the key holds at least `level` entries. */
async function waitForPools(url: string, keyId: string, level: number, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const { nodes } = (await (await fetch(`${url}/v1/nodes`)).json()) as { nodes: Array<{ pools: Record<string, number> }> };
    const levels = nodes.map((n) => n.pools[keyId]).filter((l): l is number => l !== undefined);
    if (levels.length > 0 && levels.every((l) => l >= level)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

function record(file: URL, entry: Record<string, unknown>, same: (r: Record<string, unknown>) => boolean): void {
  mkdirSync(new URL('../bench/results/', import.meta.url), { recursive: true });
  let runs: Array<Record<string, unknown>> = [];
  try {
    runs = JSON.parse(readFileSync(file, 'utf8')) as Array<Record<string, unknown>>;
  } catch {
    runs = [];
  }
  writeFileSync(file, JSON.stringify([...runs.filter((r) => !same(r)), entry], null, 2) + '\n');
}

const machine = () => ({ cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version });

let cluster: LocalCluster | undefined;
try {
  const pool = Number(values.pool);
  // GG18 runs keep no presignature pool, so background presigning does not share the CPU with the measurement.
  const presigs = gg18 ? 0 : Number(values.presigs);
  if (!values.url) {
    cluster = await startLocalCluster({
      dir: `.sigil-loadtest-${process.pid}`, pool: ecdsa ? 16 : pool, presigs, presignConcurrency: Number(values['presign-concurrency']),
      // FROST runs keep the nodes free of background Paillier key generation.
      paillierPool: ecdsa ? 1 : 0,
    });
  }
  const url = values.url ?? cluster!.url;
  if (ecdsa) {
    const entry: Record<string, unknown> = {
      ...(await runEcdsa({ url, mode: gg18 ? 'gg18' : 'presigned', presigs, durationS: Number(values.duration), connections: Number(values.connections) })),
      command: `npm run loadtest -- ${process.argv.slice(2).join(' ')}`,
      machine: machine(),
      at: new Date().toISOString(),
    };
    console.log(JSON.stringify(entry, null, 2));
    record(new URL('../bench/results/loadtest-ecdsa.json', import.meta.url), entry, (r) => r.mode === entry.mode);
  } else {
    await runFrost(url, pool);
  }
} finally {
  await cluster?.stop();
  if (cluster) rmSync(cluster.dir, { recursive: true, force: true });
}

async function runFrost(url: string, pool: number): Promise<void> {
  const key = await post(url, '/v1/keys', { protocol: values.protocol, t: 2, n: 3, label: 'loadtest' });
  const durationS = Number(values.duration);
  const keyId = String(key.id);
  await waitForPools(url, keyId, Math.min(pool, 4096) * 0.9);
  const bodyFor = () => JSON.stringify({ message: randomBytes(32).toString('hex') });
  const base = {
    url: `${url}/v1/keys/${keyId}/sign`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    connections: Number(values.connections),
    pipelining: 1,
    requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: bodyFor() }) }],
  };
  await run({ ...base, duration: 3 }); // warm-up
  await waitForPools(url, keyId, Math.min(pool, 4096) * 0.5);
  const result = await run({ ...base, duration: durationS });
  const entry = {
    protocol: values.protocol,
    mode: 'preprocessed',
    t: 2,
    n: 3,
    durationS,
    connections: Number(values.connections),
    tps: { mean: result.requests.average, p50: result.requests.p50, min: result.requests.min },
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    machine: machine(),
    at: new Date().toISOString(),
  };
  console.log(JSON.stringify(entry, null, 2));
  record(new URL('../bench/results/loadtest.json', import.meta.url), entry, (r) => r.protocol === values.protocol);
}
