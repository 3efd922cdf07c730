import { SigilError } from './errors.ts';

/**
 * The single output of an op that returns exactly one item.
 * @throws {SigilError} SIGIL_E_BAD_FRAME otherwise.
 */
export function only(items: readonly Uint8Array[]): Uint8Array {
  if (items.length !== 1 || !items[0]) throw new SigilError('SIGIL_E_BAD_FRAME', `expected one output, got ${items.length}`);
  return items[0];
}
