/**
 * Requests that spend one-time values (FROST nonces, ECDSA presignatures),
 * batched: every value of a batch is taken — marked used in one committed
 * transaction — before any request of the batch computes anything, so no
 * share can leave the node for a value that is not durably spent.
 */
import { SigilError } from '../core/index.ts';
import type { OneTimeRecord, OneTimeRepo } from '../store/index.ts';

type Body = Readonly<Record<string, unknown>>;

/** What a batched job must say about the value it spends. */
export interface OneTimeJob {
  readonly keyId: string;
  /** Id of the one-time value. */
  readonly valueId: string;
}

function asSigilError(err: unknown): SigilError {
  return err instanceof SigilError ? err : new SigilError('SIGIL_E_BUG', String(err));
}

/**
 * Parse every body, take every value in one transaction, then run each job
 * on its value. Results are in request order: a body or that request's error;
 * one failure does not fail its neighbours.
 */
export async function runOneTimeBatch<J extends OneTimeJob>(
  bodies: readonly Body[],
  parse: (body: Body) => J,
  repo: OneTimeRepo,
  run: (job: J, record: OneTimeRecord) => Promise<Body>,
): Promise<Array<Body | SigilError>> {
  const jobs = bodies.map((b) => {
    try {
      return parse(b);
    } catch (err) {
      return asSigilError(err);
    }
  });
  const valid = jobs.filter((j): j is J => !(j instanceof Error));
  const taken = valid.length > 0 ? await repo.takeMany(valid.map((j) => j.valueId)) : [];
  const records = new Map(valid.map((j, i) => [j, taken[i]!] as const));
  const out: Array<Body | SigilError> = [];
  for (const job of jobs) {
    if (job instanceof Error) {
      out.push(job);
      continue;
    }
    try {
      const record = records.get(job)!;
      if (record instanceof Error) throw record;
      // Spent either way: a value of another key is simply lost.
      if (record.keyId !== job.keyId) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', 'one-time value belongs to another key');
      out.push(await run(job, record));
    } catch (err) {
      out.push(asSigilError(err));
    }
  }
  return out;
}
