/**
 * The ECDSA load test (`npm run loadtest -- --protocol ecdsa-secp256k1`):
 *
 * * `--mode presigned` (default): create a 2-of-3 key, wait until the
 *   coordinator's presignature pool holds `--presigs` entries (timing the
 *   pre-fill), then drive presigned signing through the HTTP API until those
 *   presignatures are spent or `--duration` ends. Signatures the API had to
 *   make in GG18 mode (pool empty) are counted separately.
 * * `--mode gg18`: full-protocol signing (presign + sign per request, no
 *   pool) with few connections, for its latency.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';

/** Options of one ECDSA run. */
export interface EcdsaRunOptions {
  readonly url: string;
  readonly mode: 'presigned' | 'gg18';
  readonly presigs: number;
  readonly durationS: number;
  readonly connections: number;
}

async function post(url: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${path}: ${String(json.code)} ${String(json.message)}`);
  return json;
}

/** Presignatures the coordinator holds for the key: every entry counts once per signer (t = 2). */
async function poolSize(url: string, keyId: string): Promise<number> {
  const { nodes } = (await (await fetch(`${url}/v1/nodes`)).json()) as { nodes: Array<{ pools: Record<string, number> }> };
  return nodes.reduce((sum, n) => sum + (n.pools[keyId] ?? 0), 0) / 2;
}

/** Run autocannon, stopping it after `durationS` even when `amount` is not reached. */
function run(opts: autocannon.Options, durationS: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(result);
    });
    const timer = setTimeout(() => instance.stop(), durationS * 1000);
  });
}

/** One ECDSA run against the cluster at `url`; returns the figures. */
export async function runEcdsa(o: EcdsaRunOptions): Promise<Record<string, unknown>> {
  const created = Date.now();
  const key = await post(o.url, '/v1/keys', { protocol: 'ecdsa-secp256k1', t: 2, n: 3, label: `loadtest-${o.mode}` });
  const keyId = String(key.id);
  const keygenS = (Date.now() - created) / 1000;
  let prefillS = 0;
  let prefilled = 0;
  if (o.mode === 'presigned') {
    const started = Date.now();
    while ((prefilled = await poolSize(o.url, keyId)) < o.presigs) {
      if (Date.now() - started > 30 * 60_000) throw new Error(`pool stuck at ${prefilled} of ${o.presigs}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    prefillS = (Date.now() - started) / 1000;
  }
  const modes = { presigned: 0, gg18: 0 };
  const result = await run({
    url: `${o.url}/v1/keys/${keyId}/sign`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: o.connections,
    pipelining: 1,
    timeout: 30,
    ...(o.mode === 'presigned' ? { amount: prefilled } : { duration: o.durationS }),
    requests: [{
      setupRequest: (req: autocannon.Request) => ({ ...req, body: JSON.stringify({ message: randomBytes(32).toString('hex'), mode: o.mode }) }),
      onResponse: (status: number, body: string) => {
        if (status !== 200) return;
        const m = (JSON.parse(body) as { mode?: 'presigned' | 'gg18' }).mode;
        if (m) modes[m]++;
      },
    }],
  }, o.durationS);
  const elapsedS = (new Date(result.finish).getTime() - new Date(result.start).getTime()) / 1000;
  return {
    protocol: 'ecdsa-secp256k1',
    mode: o.mode,
    t: 2,
    n: 3,
    connections: o.connections,
    durationCapS: o.durationS,
    elapsedS,
    keygenS,
    presignatures: o.mode === 'presigned' ? { target: o.presigs, prefilled, prefillS, perSecond: prefilled / Math.max(prefillS, 1e-9) } : undefined,
    tps: result.requests.total / Math.max(elapsedS, 1e-9),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    requests: result.requests.total,
    served: modes,
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    poolAfter: await poolSize(o.url, keyId),
  };
}
