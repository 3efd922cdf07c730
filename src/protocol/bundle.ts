/**
 * Round bundles: in every round each party sends exactly one bundle to every
 * other party of the session — the broadcasts plus the messages addressed to
 * that party, possibly none. A receiver therefore knows a round is complete
 * when it holds one bundle from every peer, whatever the protocol.
 */
import { decodeList, encodeList } from '../core/index.ts';
import { BROADCAST, type Inbound, type Outbound, type PartyId } from './types.ts';

/** Split a round's outbound messages into one bundle per peer. */
export function bundleOutbound(me: PartyId, parties: readonly PartyId[], outbound: readonly Outbound[]): Map<PartyId, Uint8Array> {
  const bundles = new Map<PartyId, Uint8Array>();
  for (const peer of parties) {
    if (peer === me) continue;
    const payloads = outbound.filter((m) => m.to === BROADCAST || m.to === peer).map((m) => m.payload);
    bundles.set(peer, encodeList(payloads));
  }
  return bundles;
}

/**
 * Turn a peer's bundle back into inbound messages.
 * @throws {SigilError} SIGIL_E_BAD_FRAME when the bundle is malformed.
 */
export function unbundle(from: PartyId, bundle: Uint8Array): Inbound[] {
  return decodeList(bundle).map((payload) => ({ from, payload }));
}
