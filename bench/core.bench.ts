/**
 * `npm run bench:core`: the crypto core's primitives on native, wasm and a
 * reference (JS BigInt, OpenSSL through node:crypto, @noble/curves), in one
 * run on one machine. Writes bench/results/core.json and core.md.
 */
import { createDiffieHellman, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bigint, bytesToBig, curve, fromHex, loadCore, paillier, type Core, type CurveName } from '../src/core/index.ts';
import { ratio, runCases, writeResults, type BenchCase } from './report.ts';

const MODEXP = 'modexp 4096-bit mod, 2048-bit exp';

/** A random odd number of exactly `bits` bits. */
function randomOdd(bits: number): Uint8Array {
  const b = randomBytes(bits / 8);
  b[0]! |= 0x80;
  b[b.length - 1]! |= 1;
  return b;
}

/** Left-to-right square-and-multiply with native JS BigInt. */
function jsModexp(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  for (let i = BigInt(exp.toString(2).length - 1); i >= 0n; i--) {
    result = (result * result) % mod;
    if ((exp >> i) & 1n) result = (result * base) % mod;
  }
  return result;
}

function modexpCases(cores: readonly Core[]): BenchCase[] {
  const mod = randomOdd(4096);
  const exp = randomBytes(256);
  exp[0]! |= 0x80;
  const base = randomBytes(512);
  base[0]! &= 0x7f;
  const cases: BenchCase[] = [];
  for (const core of cores) {
    cases.push({ name: MODEXP, backend: core.backend, fn: () => bigint.modexpVartime(core, base, exp, mod) });
    cases.push({ name: `${MODEXP} (ct)`, backend: core.backend, fn: () => bigint.modexpCt(core, base, exp, mod) });
  }
  const [b, e, m] = [bytesToBig(base), bytesToBig(exp), bytesToBig(mod)];
  cases.push({ name: MODEXP, backend: 'js-bigint', fn: () => jsModexp(b, e, m), iterations: 5 });
  // OpenSSL's DH: computeSecret(y) = y^priv mod p (BN_mod_exp_mont_consttime).
  const dh = createDiffieHellman(Buffer.from(mod), Buffer.from([2]));
  dh.setPrivateKey(Buffer.from(exp));
  cases.push({ name: MODEXP, backend: 'openssl', fn: () => dh.computeSecret(Buffer.from(base)) });
  return cases;
}

function paillierCases(cores: readonly Core[]): BenchCase[] {
  const fixture = JSON.parse(readFileSync(new URL('../test/fixtures/safe-primes.json', import.meta.url), 'utf8')) as { primes: string[] };
  const [p, q] = fixture.primes.map(fromHex);
  if (!p || !q) throw new Error('test/fixtures/safe-primes.json needs two primes');
  const cases: BenchCase[] = [];
  for (const core of cores) {
    const { publicKey, secretKey } = paillier.keygenFromPrimes(core, p, q);
    const m = randomBytes(200);
    const c = paillier.encrypt(core, publicKey, m);
    cases.push({ name: 'paillier-2048 encrypt', backend: core.backend, fn: () => paillier.encrypt(core, publicKey, m) });
    cases.push({ name: 'paillier-2048 decrypt', backend: core.backend, fn: () => paillier.decrypt(core, secretKey, c) });
  }
  return cases;
}

function safePrimeCases(native: Core): BenchCase[] {
  return [{ name: 'safe prime 1024-bit', backend: native.backend, fn: () => bigint.safePrime(native, 1024), timeMs: 0, iterations: 8 }];
}

function scalarMulCases(cores: readonly Core[]): BenchCase[] {
  const cases: BenchCase[] = [];
  const names: CurveName[] = ['secp256k1', 'ed25519'];
  for (const name of names) {
    for (const core of cores) {
      const s = curve.scalarRandom(core, name);
      const point = curve.pointBaseMul(core, name, curve.scalarRandom(core, name));
      cases.push({ name: `${name} scalar mul (P·s)`, backend: core.backend, fn: () => curve.pointMul(core, name, point, s) });
      cases.push({ name: `${name} base mul (G·s)`, backend: core.backend, fn: () => curve.pointBaseMul(core, name, s) });
    }
  }
  const k1 = secp256k1.Point.Fn.fromBytes(secp256k1.utils.randomSecretKey());
  const P1 = secp256k1.Point.BASE.multiply(secp256k1.Point.Fn.fromBytes(secp256k1.utils.randomSecretKey()));
  cases.push({ name: 'secp256k1 scalar mul (P·s)', backend: 'noble', fn: () => P1.multiply(k1).toBytes(true) });
  cases.push({ name: 'secp256k1 base mul (G·s)', backend: 'noble', fn: () => secp256k1.Point.BASE.multiply(k1).toBytes(true) });
  const k2 = ed25519.Point.Fn.create(bytesToBig(randomBytes(32)));
  const P2 = ed25519.Point.BASE.multiply(ed25519.Point.Fn.create(bytesToBig(randomBytes(32))));
  cases.push({ name: 'ed25519 scalar mul (P·s)', backend: 'noble', fn: () => P2.multiply(k2).toBytes() });
  cases.push({ name: 'ed25519 base mul (G·s)', backend: 'noble', fn: () => ed25519.Point.BASE.multiply(k2).toBytes() });
  return cases;
}

async function main(): Promise<void> {
  const native = await loadCore('native');
  const wasm = await loadCore('wasm');
  const cores = [native, wasm];
  const rows = await runCases([
    ...modexpCases(cores),
    ...paillierCases(cores),
    ...scalarMulCases(cores),
    ...safePrimeCases(native),
  ]);
  writeResults('core', rows, [
    ratio(rows, 'JS BigInt / native modexp', [MODEXP, 'js-bigint'], [MODEXP, 'native'], '≥ 6'),
    ratio(rows, 'native / OpenSSL modexp', [MODEXP, 'native'], [MODEXP, 'openssl'], '≤ 1.2'),
    ratio(rows, 'native ct / OpenSSL modexp (both constant-time)', [`${MODEXP} (ct)`, 'native'], [MODEXP, 'openssl']),
    ratio(rows, 'wasm / native modexp', [MODEXP, 'wasm'], [MODEXP, 'native'], '≤ 3'),
    ratio(rows, 'wasm ct / native ct modexp', [`${MODEXP} (ct)`, 'wasm'], [`${MODEXP} (ct)`, 'native']),
    ratio(rows, 'noble / native secp256k1 P·s', ['secp256k1 scalar mul (P·s)', 'noble'], ['secp256k1 scalar mul (P·s)', 'native'], '> 1'),
    ratio(rows, 'noble / native secp256k1 G·s', ['secp256k1 base mul (G·s)', 'noble'], ['secp256k1 base mul (G·s)', 'native'], '> 1'),
    ratio(rows, 'noble / native ed25519 P·s', ['ed25519 scalar mul (P·s)', 'noble'], ['ed25519 scalar mul (P·s)', 'native']),
  ]);
}

await main();
