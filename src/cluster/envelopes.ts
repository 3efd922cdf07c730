/**
 * Envelope conventions between coordinator and nodes. Round 0 carries
 * control messages (authenticated by the mTLS channel); rounds ≥ 1 carry
 * protocol bundles sealed to the recipient node and signed by the sender
 * node (`wire.seal_envelope`), so the coordinator relays ciphertext only.
 */
import { utf8 } from '../core/index.ts';
import type { WireEnvelope } from '../transport/index.ts';
import { encodeControl, type Control } from './control.ts';

/** Party id of the coordinator on the control plane. */
export const COORDINATOR = 0;

const CONTROL_SESSION = utf8('ctl');
const NO_SIGNATURE = new Uint8Array(64);

/** A control envelope from `from` to `to`. */
export function controlEnvelope(from: number, to: number, msg: Control): WireEnvelope {
  return { sessionId: CONTROL_SESSION, round: 0, from, to, seq: 0, payload: encodeControl(msg), signature: NO_SIGNATURE };
}

/** Whether an envelope is a control message. */
export function isControl(env: WireEnvelope): boolean {
  return env.round === 0;
}
