/**
 * Runs one protocol session with every party in this process: one
 * SessionHost per party, bundles routed in memory — the same code path a
 * node runs, minus the network. Used by tests, benchmarks and embedded mode.
 */
import { SigilError } from '../core/index.ts';
import { SessionHost } from './host.ts';
import type { OpRunner, PartyId, ProtocolDescriptor } from './types.ts';

/** A bundle in flight, for inspection or tampering by tests. */
export interface InFlight {
  readonly round: number;
  readonly from: PartyId;
  readonly to: PartyId;
  bundle: Uint8Array;
}

/** Options of a local run. */
export interface LocalRunOptions {
  /** Called on every bundle before delivery; return `null` to drop it. */
  readonly intercept?: (msg: InFlight) => InFlight | null;
  /** Give up after this long (default 120 s). */
  readonly timeoutMs?: number;
}

/** Per-party outputs of a local run. */
export interface LocalRunResult {
  readonly outputs: Map<PartyId, Uint8Array>;
}

/**
 * Drive `descriptor` for every party in `params` until all are done.
 * @throws {SigilError} the first party failure (with culprits), a delivery rejection, or SIGIL_E_ABORTED on timeout.
 */
export function runLocal<P>(
  ops: OpRunner,
  descriptor: ProtocolDescriptor<P>,
  params: ReadonlyMap<PartyId, P>,
  options: LocalRunOptions = {},
): Promise<LocalRunResult> {
  const parties = [...params.keys()];
  const hosts = new Map<PartyId, SessionHost<P>>();
  const outputs = new Map<PartyId, Uint8Array>();

  return new Promise<LocalRunResult>((resolve, reject) => {
    let settled = false;
    const fail = (err: SigilError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const h of hosts.values()) h.abort(err);
      reject(err);
    };
    const timer = setTimeout(() => {
      const stuck = [...hosts].filter(([, h]) => h.status === 'running').flatMap(([, h]) => h.missing());
      fail(new SigilError('SIGIL_E_ABORTED', `${descriptor.name}: timed out`, [...new Set(stuck)]));
    }, options.timeoutMs ?? 120_000);

    const deliver = (msg: InFlight): void => {
      const m = options.intercept ? options.intercept(msg) : msg;
      if (!m || settled) return;
      const host = hosts.get(m.to);
      if (!host || host.status === 'done') return;
      try {
        host.deliver(m.round, m.from, m.bundle);
      } catch (err) {
        fail(err as SigilError);
      }
    };

    for (const me of parties) {
      hosts.set(me, new SessionHost<P>({
        me,
        parties,
        descriptor,
        ops,
        sink: {
          // Deliver asynchronously, as a network would.
          send: (to, round, bundle) => queueMicrotask(() => deliver({ round, from: me, to, bundle })),
          done: (output) => {
            outputs.set(me, output);
            if (outputs.size === parties.length && !settled) {
              settled = true;
              clearTimeout(timer);
              resolve({ outputs });
            }
          },
          failed: fail,
        },
      }));
    }
    for (const [me, p] of params) void hosts.get(me)?.start(p);
  });
}
