/**
 * What a node runs for each protocol the coordinator may start: the session
 * descriptor, this party's start parameters, and what to keep and report
 * when the party is done.
 */
import { SigilError, utf8, type Core } from '../core/index.ts';
import { encodeFrostResult, type StartSession } from '../cluster/index.ts';
import { frostDkg, frostGroupKey, frostKeyInfo, type FrostSuite, type ProtocolDescriptor } from '../protocol/index.ts';
import type { KeyStore } from './keystore.ts';
import { ECDSA_NODE_PROTOCOLS } from './ecdsa-protocols.ts';

/** A node-side protocol. */
export interface NodeProtocol {
  readonly descriptor: ProtocolDescriptor<unknown>;
  /** This party's start parameters (may load secret blobs). */
  params(me: number, start: StartSession, keys: KeyStore): Promise<unknown>;
  /** Keep the secret output; return the public result for the coordinator. */
  done(me: number, start: StartSession, output: Uint8Array, keys: KeyStore, core: Core): Promise<Uint8Array>;
}

const SUITES: readonly FrostSuite[] = ['ed25519', 'secp256k1', 'secp256k1-tr'];

function suiteOf(start: StartSession): FrostSuite {
  const suite = start.params.suite;
  if (typeof suite !== 'string' || !SUITES.includes(suite as FrostSuite)) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', 'unknown FROST suite');
  return suite as FrostSuite;
}

/** Public facts every FROST key session reports. */
async function frostResult(core: Core, suite: FrostSuite, keyPackage: Uint8Array): Promise<Uint8Array> {
  const info = await frostKeyInfo(core, suite, keyPackage);
  const verifyKey = await frostGroupKey(core, suite, info.publicPackage);
  return encodeFrostResult({ groupKey: info.groupKey, verifyKey, publicPackage: info.publicPackage });
}

const frostDkgNode: NodeProtocol = {
  descriptor: frostDkg as ProtocolDescriptor<unknown>,
  async params(me, start) {
    const t = start.params.t;
    if (!Number.isInteger(t)) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', 'DKG needs an integer t');
    return { suite: suiteOf(start), sessionId: utf8(start.session), me, t, parties: start.parties };
  },
  async done(_me, start, output, keys, core) {
    const suite = suiteOf(start);
    await keys.putKey(start.keyId, `frost-${suite}`, output);
    return frostResult(core, suite, output);
  },
};

/** Protocols by name. */
export const NODE_PROTOCOLS: ReadonlyMap<string, NodeProtocol> = new Map([
  ['frost.dkg', frostDkgNode],
  ...ECDSA_NODE_PROTOCOLS,
]);

