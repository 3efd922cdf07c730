/**
 * Byte layout of step results shared with the Rust ops: a step is
 * `[status (0 continue | 1 done), state-or-output, outbound list]`; an
 * outbound or inbound list is a framed list whose items are a 2-byte LE party
 * id (recipient or sender; 0xFFFF = broadcast) followed by the payload.
 */
import { SigilError, decodeList, encodeList, u16le } from '../core/index.ts';
import type { Inbound, Outbound, Step } from './types.ts';

function withParty(id: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(2 + payload.length);
  out[0] = id & 0xff;
  out[1] = id >>> 8;
  out.set(payload, 2);
  return out;
}

function splitParty(item: Uint8Array): [number, Uint8Array] {
  if (item.length < 2) throw new SigilError('SIGIL_E_BAD_FRAME', 'message item shorter than its party id');
  return [item[0]! | (item[1]! << 8), item.subarray(2)];
}

/** A party list as the core takes it: concatenated 2-byte LE ids. */
export function encodeParties(parties: readonly number[]): Uint8Array {
  const out = new Uint8Array(parties.length * 2);
  parties.forEach((p, i) => out.set(u16le(p), i * 2));
  return out;
}

/** Encode inbound messages for a `*_step` op. */
export function encodeInbound(messages: readonly Inbound[]): Uint8Array {
  return encodeList(messages.map((m) => withParty(m.from, m.payload)));
}

/** Encode outbound messages (used by tests and by relays that re-frame). */
export function encodeOutbound(messages: readonly Outbound[]): Uint8Array {
  return encodeList(messages.map((m) => withParty(m.to, m.payload)));
}

/** Decode an outbound list returned by the core. */
export function decodeOutbound(bytes: Uint8Array): Outbound[] {
  return decodeList(bytes).map((item) => {
    const [to, payload] = splitParty(item);
    return { to, payload };
  });
}

/**
 * Decode the three items a `*_start` / `*_step` op returns.
 * @throws {SigilError} SIGIL_E_BAD_FRAME when the shape is wrong.
 */
export function decodeStep(items: readonly Uint8Array[]): Step {
  const [status, body, outbound] = items;
  if (items.length !== 3 || !status || status.length !== 1 || !body || !outbound) {
    throw new SigilError('SIGIL_E_BAD_FRAME', 'a step result has three items: status, body, outbound');
  }
  const out = decodeOutbound(outbound);
  if (status[0] === 0) return { done: false, state: body, outbound: out };
  if (status[0] === 1) return { done: true, output: body, outbound: out };
  throw new SigilError('SIGIL_E_BAD_FRAME', `unknown step status ${status[0]}`);
}
