/**
 * Byte framing shared with the Rust core (crates/math/src/codec.rs): an
 * argument list is a sequence of (u32 LE length, bytes); a result frame is a
 * status byte (0 ok, 1 error) followed by such a list.
 */
import { SigilError } from './errors.ts';

const STATUS_OK = 0;
const STATUS_ERR = 1;

/** Encode a list of byte strings. */
export function encodeList(items: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const item of items) size += 4 + item.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const item of items) {
    view.setUint32(at, item.length, true);
    out.set(item, at + 4);
    at += 4 + item.length;
  }
  return out;
}

/**
 * Decode a list of byte strings (views into `bytes`).
 * @throws {SigilError} SIGIL_E_BAD_FRAME on truncation.
 */
export function decodeList(bytes: Uint8Array): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const items: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) throw new SigilError('SIGIL_E_BAD_FRAME', 'truncated item length');
    const len = view.getUint32(at, true);
    if (at + 4 + len > bytes.length) throw new SigilError('SIGIL_E_BAD_FRAME', 'truncated item');
    items.push(bytes.subarray(at + 4, at + 4 + len));
    at += 4 + len;
  }
  return items;
}

/**
 * Turn a result frame into its outputs, or throw the error it carries.
 * @throws {SigilError} with the core's code, detail and culprits.
 */
export function decodeResult(frame: Uint8Array): Uint8Array[] {
  const status = frame[0];
  const items = decodeList(frame.subarray(1));
  if (status === STATUS_OK) return items;
  if (status !== STATUS_ERR || items.length !== 3) throw new SigilError('SIGIL_E_BAD_FRAME', 'bad result status');
  const [code, detail, culprits] = items as [Uint8Array, Uint8Array, Uint8Array];
  const text = new TextDecoder();
  const blamed: number[] = [];
  const view = new DataView(culprits.buffer, culprits.byteOffset, culprits.byteLength);
  for (let i = 0; i + 1 < culprits.length; i += 2) blamed.push(view.getUint16(i, true));
  throw new SigilError(text.decode(code), text.decode(detail), blamed);
}
