/**
 * Regenerates test/fixtures/safe-primes.json: 1024-bit safe primes for
 * 2048-bit Paillier keys in tests and benchmarks (two per party, up to nine
 * parties). Run: `npx tsx scripts/gen-fixtures.ts [count]`.
 */
import { writeFileSync } from 'node:fs';
import { bigint, loadCore, toHex } from '../src/core/index.ts';

const count = Number(process.argv[2] ?? 18);
const core = await loadCore('native');
const primes: string[] = [];
for (let i = 0; i < count; i++) {
  const t = performance.now();
  primes.push(toHex(bigint.safePrime(core, 1024)));
  console.log(`prime ${i + 1}/${count}: ${((performance.now() - t) / 1000).toFixed(2)} s`);
}
const out = { bits: 1024, note: 'test fixtures only: never use these primes for real keys', primes };
writeFileSync(new URL('../test/fixtures/safe-primes.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
