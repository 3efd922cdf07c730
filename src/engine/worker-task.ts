/**
 * Runs in a Piscina worker: loads the core once per thread and runs a batch
 * of calls, each isolated so one failure does not fail its neighbours.
 */
import { SigilError, loadCore, type Core } from '../core/index.ts';
import type { CoreBatch, CoreOutcome } from './messages.ts';

let core: Promise<Core> | undefined;

function outcomeOf(run: () => Uint8Array[]): CoreOutcome {
  try {
    return { ok: true, items: run() };
  } catch (err) {
    const e = err instanceof SigilError ? err : new SigilError('SIGIL_E_BUG', (err as Error).message);
    return { ok: false, error: e.toJSON() };
  }
}

/** Piscina entry point. */
export default async function runBatch(batch: CoreBatch): Promise<CoreOutcome[]> {
  core ??= loadCore(batch.backend);
  const c = await core;
  return batch.calls.map((call) => outcomeOf(() => c.call(call.op, call.args)));
}
