/**
 * `npm run bench:protocol`: threshold ECDSA sessions in-process on the native
 * core — DKG (pre-generated and fresh Paillier keys), presigning, online
 * signing and GG18-mode signing for 2-of-3 and 3-of-5.
 *
 * Per session it reports the wall time (parties' ops run concurrently on the
 * libuv pool, as on a machine hosting every node) and the CPU per party (the
 * same session replayed with every op on one thread, total op time divided
 * by the parties; median of up to three replays), plus the large modular exponentiations per party (the
 * core's `core.stats` counter). Writes bench/results/protocol.json and .md.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { encodeList, fromHex, loadCore, type Core } from '../src/core/index.ts';
import {
  ecdsaCombine, ecdsaKeygen, ecdsaPaillierFromPrimes, ecdsaPresign, ecdsaPresigInfo, ecdsaSign, ecdsaSignPartial, runLocal,
  type OpRunner, type PartyId, type ProtocolDescriptor,
} from '../src/protocol/index.ts';

interface SessionRow {
  readonly session: string;
  readonly t: number;
  readonly n: number;
  readonly runs: number;
  readonly wallMedianMs: number;
  readonly cpuPerPartyMs: number;
  readonly modexpsPerParty: number;
}

const core = await loadCore('native');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const range = (n: number): PartyId[] => Array.from({ length: n }, (_, i) => i + 1);
const modexps = (): number => {
  const [count] = core.call('core.stats');
  return Number(new DataView(count!.buffer, count!.byteOffset, 8).getBigUint64(0, true));
};

/** Every op on the calling thread, timed: the CPU the parties spend. */
function serialRunner(c: Core): OpRunner & { elapsedMs: number } {
  const r = {
    elapsedMs: 0,
    async run(op: string, args: readonly Uint8Array[]) {
      const t0 = performance.now();
      try {
        return c.call(op, args);
      } finally {
        r.elapsedMs += performance.now() - t0;
      }
    },
  };
  return r;
}

async function measure<P>(session: string, t: number, n: number, runs: number, descriptor: ProtocolDescriptor<P>, params: () => Map<PartyId, P>): Promise<{ row: SessionRow; outputs: Map<PartyId, Uint8Array> }> {
  const walls: number[] = [];
  let outputs = new Map<PartyId, Uint8Array>();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    outputs = (await runLocal(core, descriptor, params())).outputs;
    walls.push(performance.now() - t0);
  }
  const cpus: number[] = [];
  let parties = 1;
  let work = 0;
  for (let i = 0; i < Math.min(runs, 3); i++) {
    const serial = serialRunner(core);
    const p = params();
    parties = p.size;
    const before = modexps();
    await runLocal(serial, descriptor, p);
    work = (modexps() - before) / parties;
    cpus.push(serial.elapsedMs / parties);
  }
  const row = { session, t, n, runs, wallMedianMs: median(walls), cpuPerPartyMs: median(cpus), modexpsPerParty: work };
  console.log(`${`${session} ${t}-of-${n}`.padEnd(36)} wall ${row.wallMedianMs.toFixed(1).padStart(8)} ms  cpu/party ${row.cpuPerPartyMs.toFixed(1).padStart(8)} ms  modexps/party ${row.modexpsPerParty.toFixed(0)}`);
  return { row, outputs };
}

const primes = (JSON.parse(readFileSync(new URL('../test/fixtures/safe-primes.json', import.meta.url), 'utf8')) as { primes: string[] }).primes.map(fromHex);
const paillier: Uint8Array[] = [];
for (let i = 0; i < 5; i++) paillier.push(await ecdsaPaillierFromPrimes(core, primes[2 * i]!, primes[2 * i + 1]!));

const rows: SessionRow[] = [];
const online: Array<{ t: number; n: number; partialMedianMs: number; combineMedianMs: number }> = [];
for (const [t, n] of [[2, 3], [3, 5]] as const) {
  const parties = range(n);
  const dkgParams = (fresh: boolean) => () => {
    const sessionId = randomBytes(16);
    return new Map(parties.map((me) => [me, { sessionId, me, t, parties, ...(fresh ? {} : { paillier: paillier[me - 1]! }) }] as const));
  };
  const dkg = await measure('dkg (pre-generated Paillier)', t, n, 3, ecdsaKeygen, dkgParams(false));
  rows.push(dkg.row);
  if (n === 3) rows.push((await measure('dkg (fresh Paillier keys)', t, n, 1, ecdsaKeygen, dkgParams(true))).row);
  const keys = dkg.outputs;
  const signers = parties.slice(0, t);
  const presignParams = () => {
    const sessionId = randomBytes(16);
    return new Map(signers.map((p) => [p, { sessionId, keyShare: keys.get(p)!, signers }] as const));
  };
  const presign = await measure('presign', t, n, 7, ecdsaPresign, presignParams);
  rows.push(presign.row);
  const hash = createHash('sha256').update('bench').digest();
  const gg18Params = () => new Map([...presignParams()].map(([p, v]) => [p, { ...v, hash }] as const));
  rows.push((await measure('sign, GG18 mode (presign + sign)', t, n, 5, ecdsaSign, gg18Params)).row);
  online.push(await onlineSign(t, n, presign.outputs, hash));
}

/** Online signing: one partial signature per signer, then the checked combination (median of many). */
async function onlineSign(t: number, n: number, presigs: Map<PartyId, Uint8Array>, hash: Uint8Array) {
  const samples = (fn: () => void, count = 2000): number => {
    const xs: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      fn();
      xs.push(performance.now() - t0);
    }
    return median(xs);
  };
  // Presignatures are one-time; signing the same blob repeatedly here only times the math.
  const first = presigs.get(1)!;
  const partialMedianMs = samples(() => core.call('ecdsa.sign_partial', [first, hash]));
  const partials = new Map<PartyId, Uint8Array>();
  for (const [p, ps] of presigs) partials.set(p, (await ecdsaSignPartial(core, ps, hash)).sigma);
  const { publicPresig } = await ecdsaPresigInfo(core, first);
  await ecdsaCombine(core, publicPresig, hash, partials);
  const list = [...partials].sort(([a], [b]) => a - b).map(([id, s]) => Uint8Array.from([id & 0xff, id >> 8, ...s]));
  const combineMedianMs = samples(() => core.call('ecdsa.combine', [publicPresig, hash, encodeList(list)]));
  console.log(`online sign ${t}-of-${n}: partial ${partialMedianMs.toFixed(4)} ms per signer, combine ${combineMedianMs.toFixed(4)} ms`);
  return { t, n, partialMedianMs, combineMedianMs };
}

const find = (session: string, t: number) => rows.find((r) => r.session === session && r.t === t)!;
const targets = [
  { label: 'online sign CPU per party, 2-of-3 (ms)', value: online[0]!.partialMedianMs, target: '< 1' },
  { label: 'presign 2-of-3 wall (ms)', value: find('presign', 2).wallMedianMs, target: '< 400' },
  { label: 'DKG 2-of-3 with pre-generated Paillier keys, wall (ms)', value: find('dkg (pre-generated Paillier)', 2).wallMedianMs, target: '< 1000' },
];
for (const x of targets) console.log(`${x.label}: ${x.value.toFixed(2)} (target ${x.target})`);

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}, Node ${process.version}`;
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('protocol.json', dir), JSON.stringify({ machine, date: new Date().toISOString(), sessions: rows, online, targets }, null, 2) + '\n');
writeFileSync(new URL('protocol.md', dir), [
  '# protocol benchmark (threshold ECDSA, native core, in-process)',
  '',
  `Machine: ${machine}, ${new Date().toISOString()}. Command: \`npm run bench:protocol\`.`,
  '',
  '| session | t-of-n | runs | wall median ms | CPU per party ms | modexps ≥1024-bit per party |',
  '| --- | --- | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.session} | ${r.t}-of-${r.n} | ${r.runs} | ${r.wallMedianMs.toFixed(1)} | ${r.cpuPerPartyMs.toFixed(1)} | ${r.modexpsPerParty.toFixed(0)} |`),
  '',
  '| online sign | partial per signer, median ms | combine (checks every partial, verifies), median ms |',
  '| --- | ---: | ---: |',
  ...online.map((o) => `| ${o.t}-of-${o.n} | ${o.partialMedianMs.toFixed(4)} | ${o.combineMedianMs.toFixed(4)} |`),
  '',
  '| target | measured | target |',
  '| --- | ---: | --- |',
  ...targets.map((x) => `| ${x.label} | ${x.value.toFixed(2)} | ${x.target} |`),
  '',
].join('\n'));
