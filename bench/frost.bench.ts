/**
 * `npm run bench:frost`: FROST per-signer round times (commit = round one,
 * sign = round two) and aggregation, for 2-of-3 and 7-of-10 on every suite,
 * on the native core, through the same op boundary the nodes use.
 * Writes bench/results/frost.json and frost.md.
 */
import { randomBytes } from 'node:crypto';
import { loadCore, utf8, type Core } from '../src/core/index.ts';
import { FROST_SUITES, encodeSignerList, frostDkg, frostKeyInfo, runLocal, type FrostSuite } from '../src/protocol/index.ts';
import { ratio, runCases, writeResults, type BenchCase } from './report.ts';

async function setup(core: Core, suite: FrostSuite, t: number, n: number) {
  const parties = Array.from({ length: n }, (_, i) => i + 1);
  const sessionId = randomBytes(16);
  const keys = (await runLocal(core, frostDkg, new Map(parties.map((me) => [me, { suite, sessionId, me, t, parties }] as const)))).outputs;
  const signers = parties.slice(0, t);
  const { publicPackage } = await frostKeyInfo(core, suite, keys.get(1)!);
  return { keys, signers, publicPackage };
}

async function cases(core: Core, suite: FrostSuite, t: number, n: number): Promise<BenchCase[]> {
  const { keys, signers, publicPackage } = await setup(core, suite, t, n);
  const s = utf8(suite);
  const message = randomBytes(32);
  const commit = (id: number) => core.call('frost.commit', [s, keys.get(id)!]);
  const round1 = new Map(signers.map((id) => [id, commit(id)] as const));
  const commitments = encodeSignerList(new Map([...round1].map(([id, [, c]]) => [id, c!] as const)));
  const shares = encodeSignerList(new Map(signers.map((id) => [id, core.call('frost.sign', [s, keys.get(id)!, round1.get(id)![0]!, message, commitments])[0]!] as const)));
  const label = `${suite} ${t}-of-${n}`;
  // Nonces are one-time; signing the same nonce blob repeatedly here only times the math.
  const [n1] = round1.get(1)!;
  return [
    { name: `${label} round 1 (commit) per signer`, backend: core.backend, fn: () => commit(1) },
    { name: `${label} round 2 (sign) per signer`, backend: core.backend, fn: () => core.call('frost.sign', [s, keys.get(1)!, n1!, message, commitments]) },
    { name: `${label} aggregate (verifies every share)`, backend: core.backend, fn: () => core.call('frost.aggregate', [s, publicPackage, message, commitments, shares]) },
  ];
}

const core = await loadCore('native');
const all: BenchCase[] = [];
for (const suite of FROST_SUITES) for (const [t, n] of [[2, 3], [7, 10]] as const) all.push(...(await cases(core, suite, t, n)));
const rows = await runCases(all.map((c) => ({ ...c, timeMs: 500 })));
const perParty = (label: string) => {
  const sign = rows.find((r) => r.name === `${label} round 2 (sign) per signer`)!;
  const agg = rows.find((r) => r.name === `${label} aggregate (verifies every share)`)!;
  return sign.medianMs + agg.medianMs;
};
console.log(`ed25519 2-of-3 sign round + aggregate: ${perParty('ed25519 2-of-3').toFixed(4)} ms (target < 0.5 ms)`);
writeResults('frost', rows, [
  ratio(rows, 'aggregate 7-of-10 / 2-of-3 (ed25519)', ['ed25519 7-of-10 aggregate (verifies every share)', 'native'], ['ed25519 2-of-3 aggregate (verifies every share)', 'native']),
  { label: 'ed25519 2-of-3 sign round + aggregate (ms)', value: perParty('ed25519 2-of-3'), target: '< 0.5' },
  { label: 'secp256k1 2-of-3 sign round + aggregate (ms)', value: perParty('secp256k1 2-of-3') },
]);
