/** Shared test helpers: backends, fixtures, error assertions. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { SigilError, fromHex, loadCore, type Core } from '../src/core/index.ts';

/** Both compiled forms of the core. */
export const BACKENDS = ['native', 'wasm'] as const;

/** Load a backend by name. */
export const coreOf = (name: (typeof BACKENDS)[number]): Promise<Core> => loadCore(name);

/** The cached 1024-bit safe primes (test/fixtures/safe-primes.json). */
export function safePrimes(): Uint8Array[] {
  const raw = JSON.parse(readFileSync(new URL('./fixtures/safe-primes.json', import.meta.url), 'utf8')) as { primes: string[] };
  return raw.primes.map(fromHex);
}

/** Assert that `fn` throws a SigilError with `code` (and, if given, these culprits). */
export function expectCode(fn: () => unknown, code: string, culprits?: readonly number[]): SigilError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected ${code}`).toBeInstanceOf(SigilError);
  const err = caught as SigilError;
  expect(err.code).toBe(code);
  if (culprits) expect([...err.culprits]).toEqual([...culprits]);
  return err;
}
