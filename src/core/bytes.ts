/** Small byte helpers for op arguments (public values only). */

/** 2-byte little-endian encoding of a party id / count. */
export function u16le(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) throw new RangeError(`expected a u16, got ${value}`);
  return new Uint8Array([value & 0xff, value >>> 8]);
}

/** 4-byte little-endian encoding. */
export function u32le(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`expected a u32, got ${value}`);
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, true);
  return out;
}

/** Read a 2-byte little-endian value. */
export function readU16le(bytes: Uint8Array, at = 0): number {
  if (bytes.length < at + 2) throw new RangeError('short u16');
  return bytes[at]! | (bytes[at + 1]! << 8);
}

/** Big-endian bytes of a non-negative bigint (minimal; zero = empty). For tests and public values. */
export function bigToBytes(value: bigint): Uint8Array {
  if (value < 0n) throw new RangeError('negative integer');
  if (value === 0n) return new Uint8Array(0);
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** Big-endian bytes to a bigint. For tests and public values. */
export function bytesToBig(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Bytes of hex. */
export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) throw new TypeError('invalid hex');
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}
