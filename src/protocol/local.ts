/**
 * Runs one protocol session with every party in this process: the same
 * routing a coordinator does, minus the network. Used by tests, benchmarks
 * and the in-process demo; nodes use the same descriptors over gRPC.
 */
import type { Core } from '../core/index.ts';
import { BROADCAST, type Inbound, type Outbound, type PartyId, type ProtocolDescriptor, type Step } from './types.ts';

/** A message in flight, for inspection or tampering by tests. */
export interface InFlight {
  readonly round: number;
  readonly from: PartyId;
  readonly to: PartyId;
  payload: Uint8Array;
}

/** Options of a local run. */
export interface LocalRunOptions {
  /** Called on every message before delivery; return `null` to drop it. */
  readonly intercept?: (msg: InFlight) => InFlight | null;
  /** Upper bound on rounds before the run is declared stuck (default 16). */
  readonly maxRounds?: number;
}

/** Per-party result of a local run. */
export interface LocalRunResult {
  readonly outputs: Map<PartyId, Uint8Array>;
  readonly rounds: number;
}

function route(from: PartyId, parties: readonly PartyId[], out: readonly Outbound[], round: number): InFlight[] {
  const msgs: InFlight[] = [];
  for (const m of out) {
    const targets = m.to === BROADCAST ? parties.filter((p) => p !== from) : [m.to];
    for (const to of targets) msgs.push({ round, from, to, payload: m.payload });
  }
  return msgs;
}

/**
 * Drive `descriptor` for `parties` until every party is done.
 * @throws {SigilError} whatever a party's round function throws (with culprits).
 * @throws {Error} when the protocol stops making progress.
 */
export async function runLocal<P>(
  core: Core,
  descriptor: ProtocolDescriptor<P>,
  params: ReadonlyMap<PartyId, P>,
  options: LocalRunOptions = {},
): Promise<LocalRunResult> {
  const parties = [...params.keys()];
  const states = new Map<PartyId, Uint8Array>();
  const outputs = new Map<PartyId, Uint8Array>();
  let inFlight: InFlight[] = [];

  const absorb = (id: PartyId, step: Step, round: number): void => {
    if (step.done) outputs.set(id, step.output);
    else states.set(id, step.state);
    inFlight.push(...route(id, parties, step.outbound, round));
  };

  for (const [id, p] of params) absorb(id, await descriptor.start(core, p), 0);

  const maxRounds = options.maxRounds ?? 16;
  let round = 0;
  while (states.size > 0) {
    round += 1;
    if (round > maxRounds) throw new Error(`${descriptor.name}: no result after ${maxRounds} rounds`);
    const delivered = options.intercept ? inFlight.map(options.intercept).filter((m): m is InFlight => m !== null) : inFlight;
    inFlight = [];
    const waiting = [...states];
    states.clear();
    for (const [id, state] of waiting) {
      const inbound: Inbound[] = delivered.filter((m) => m.to === id).map((m) => ({ from: m.from, payload: m.payload }));
      absorb(id, await descriptor.step(core, state, inbound), round);
    }
  }
  return { outputs, rounds: round };
}
