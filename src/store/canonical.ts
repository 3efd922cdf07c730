/**
 * Canonical JSON for hashing: object keys sorted by code unit, no
 * whitespace, only JSON values (finite numbers, no undefined, bigint,
 * functions, or class instances).
 */
import { SigilError } from '../core/errors.ts';

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Encode `value` canonically.
 * @throws {SigilError} SIGIL_E_STORE_INVALID for a value JSON cannot represent exactly.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new SigilError('SIGIL_E_STORE_INVALID', 'audit data holds a non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && isPlainObject(value)) {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  throw new SigilError('SIGIL_E_STORE_INVALID', `audit data holds a ${typeof value} value`);
}
