/**
 * Runs one party's side of one session: starts it, turns each round's
 * outbound messages into one bundle per peer, collects the peers' bundles
 * and steps the protocol when a round is complete. The same host runs inside
 * a node (bundles go out as sealed envelopes) and in-process (runLocal).
 */
import { SigilError } from '../core/index.ts';
import { bundleOutbound, unbundle } from './bundle.ts';
import { RoundCollector } from './collector.ts';
import type { Inbound, OpRunner, PartyId, ProtocolDescriptor, Step } from './types.ts';

/** Where a host sends bundles and reports its end. */
export interface HostSink {
  /** Deliver `bundle` for `round` to `to`. */
  send(to: PartyId, round: number, bundle: Uint8Array): void;
  /** The session finished for this party with `output` (opaque). */
  done(output: Uint8Array): void;
  /** The session failed for this party. */
  failed(error: SigilError): void;
}

/** Host state, for status and tests. */
export type HostStatus = 'idle' | 'running' | 'done' | 'failed';

/** One party's side of one session. */
export class SessionHost<P> {
  readonly #me: PartyId;
  readonly #parties: readonly PartyId[];
  readonly #descriptor: ProtocolDescriptor<P>;
  readonly #ops: OpRunner;
  readonly #sink: HostSink;
  readonly #collector: RoundCollector;
  #state: Uint8Array | undefined;
  #status: HostStatus = 'idle';
  #busy = false;

  constructor(opts: { me: PartyId; parties: readonly PartyId[]; descriptor: ProtocolDescriptor<P>; ops: OpRunner; sink: HostSink }) {
    if (!opts.parties.includes(opts.me)) throw new SigilError('SIGIL_E_UNKNOWN_PARTY', `party ${opts.me} is not in the session`);
    if (new Set(opts.parties).size !== opts.parties.length) throw new SigilError('SIGIL_E_DUPLICATE_PARTY', 'duplicate party ids');
    this.#me = opts.me;
    this.#parties = opts.parties;
    this.#descriptor = opts.descriptor;
    this.#ops = opts.ops;
    this.#sink = opts.sink;
    this.#collector = new RoundCollector(opts.parties.filter((p) => p !== opts.me));
  }

  /** Current status. */
  get status(): HostStatus {
    return this.#status;
  }

  /** The round this party waits to complete. */
  get round(): number {
    return this.#collector.round;
  }

  /** Peers whose bundle for the current round is missing. */
  missing(): PartyId[] {
    return this.#collector.missing();
  }

  /** Start the session with this party's parameters. */
  async start(params: P): Promise<void> {
    if (this.#status !== 'idle') throw new SigilError('SIGIL_E_WRONG_ROUND', 'session already started');
    this.#status = 'running';
    await this.#advance(() => this.#descriptor.start(this.#ops, params), 0);
  }

  /**
   * Accept a peer's bundle; steps the protocol when the round completes.
   * Invalid deliveries (stranger, replay, wrong round) throw and leave the session intact.
   * @throws {SigilError} from the collector.
   */
  deliver(round: number, from: PartyId, bundle: Uint8Array): void {
    if (this.#status === 'done' || this.#status === 'failed') {
      throw new SigilError('SIGIL_E_WRONG_ROUND', `session already ${this.#status}`, [from]);
    }
    this.#collector.add(round, from, bundle);
    void this.#pump();
  }

  /** Fail the session from outside (timeout, cancellation). */
  abort(error: SigilError): void {
    if (this.#status === 'done' || this.#status === 'failed') return;
    this.#status = 'failed';
    this.#sink.failed(error);
  }

  async #pump(): Promise<void> {
    while (!this.#busy && this.#status === 'running' && this.#state && this.#collector.complete) {
      const round = this.#collector.round;
      const inbound: Inbound[] = [];
      try {
        for (const [from, bundle] of this.#collector.take()) inbound.push(...unbundle(from, bundle));
      } catch (err) {
        this.abort(err instanceof SigilError ? err : new SigilError('SIGIL_E_BUG', String(err)));
        return;
      }
      const state = this.#state;
      await this.#advance(() => this.#descriptor.step(this.#ops, state, inbound), round);
    }
  }

  async #advance(run: () => Promise<Step>, round: number): Promise<void> {
    this.#busy = true;
    let step: Step;
    try {
      step = await run();
    } catch (err) {
      this.#busy = false;
      this.abort(err instanceof SigilError ? err : new SigilError('SIGIL_E_BUG', (err as Error).message));
      return;
    }
    // Bundles of the round just computed are numbered round + 1: round 1 is the start's output.
    for (const [to, bundle] of bundleOutbound(this.#me, this.#parties, step.outbound)) this.#sink.send(to, round + 1, bundle);
    if (step.done) {
      this.#state = undefined;
      this.#status = 'done';
      this.#busy = false;
      this.#sink.done(step.output);
      return;
    }
    this.#state = step.state;
    this.#busy = false;
    await this.#pump();
  }
}
