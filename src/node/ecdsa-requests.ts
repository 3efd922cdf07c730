/**
 * Online ECDSA signing on a node: `ecdsa.sign` {keyId, presigId, hash} →
 * {sigma}. Requests of one frame are a batch: every presignature of the batch
 * is marked used in one committed transaction (invariant 1) before any
 * partial signature is computed, so none can leave the node unmarked.
 */
import { SigilError, fromHex, toHex } from '../core/index.ts';
import { ecdsaSignPartial } from '../protocol/index.ts';
import type { RequestContext } from './requests.ts';

type Body = Readonly<Record<string, unknown>>;

interface SignJob {
  readonly keyId: string;
  readonly presigId: string;
  readonly hash: Uint8Array;
}

function parse(body: Body): SignJob {
  const { keyId, presigId, hash } = body;
  if (typeof keyId !== 'string' || keyId.length === 0 || keyId.length > 128) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', 'bad field keyId');
  if (typeof presigId !== 'string' || presigId.length !== 32) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', 'presigId must be 16 bytes of hex');
  fromHex(presigId);
  // Checked before the presignature is burnt: a bad hash must not cost one.
  if (!(hash instanceof Uint8Array) || hash.length !== 32) throw new SigilError('SIGIL_E_INVALID_LENGTH', 'the hash must be 32 bytes');
  return { keyId, presigId: presigId.toLowerCase(), hash };
}

/** `ecdsa.sign` for a batch; results in request order (a body or the request's error). */
export async function ecdsaSignBatch(ctx: RequestContext, bodies: readonly Body[]): Promise<Array<Body | SigilError>> {
  const jobs = bodies.map((b) => {
    try {
      return parse(b);
    } catch (err) {
      return err instanceof SigilError ? err : new SigilError('SIGIL_E_BUG', String(err));
    }
  });
  const valid = jobs.filter((j): j is SignJob => !(j instanceof Error));
  const taken = valid.length > 0 ? await ctx.store.presignatures.takeMany(valid.map((j) => j.presigId)) : [];
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
      // Already burnt either way: a presignature of another key is simply lost.
      if (record.keyId !== job.keyId) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', 'presignature belongs to another key');
      const presig = ctx.keys.openPresignature(job.keyId, job.presigId, record.blob);
      const { sigma, presigId } = await ecdsaSignPartial(ctx.core, presig, job.hash);
      if (toHex(presigId) !== job.presigId) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', 'presignature id mismatch');
      out.push({ sigma });
    } catch (err) {
      out.push(err instanceof SigilError ? err : new SigilError('SIGIL_E_BUG', String(err)));
    }
  }
  return out;
}

/** One `ecdsa.sign` request outside a batch. */
export async function ecdsaSignOne(ctx: RequestContext, body: Body): Promise<Body> {
  const [result] = await ecdsaSignBatch(ctx, [body]);
  if (result instanceof Error) throw result;
  return result!;
}
