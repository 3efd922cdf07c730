/**
 * Online ECDSA signing on a node: `ecdsa.sign` {keyId, presigId, hash} →
 * {sigma}. Requests of one frame are a batch: every presignature of the batch
 * is marked used in one committed transaction (invariant 1) before any
 * partial signature is computed, so none can leave the node unmarked.
 */
import { SigilError, fromHex, toHex } from '../core/index.ts';
import { ecdsaSignPartial } from '../protocol/index.ts';
import { runOneTimeBatch } from './one-time-batch.ts';
import type { RequestContext } from './requests.ts';

type Body = Readonly<Record<string, unknown>>;

interface SignJob {
  readonly keyId: string;
  readonly valueId: string;
  readonly hash: Uint8Array;
}

function parse(body: Body): SignJob {
  const { keyId, presigId, hash } = body;
  if (typeof keyId !== 'string' || keyId.length === 0 || keyId.length > 128) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', 'bad field keyId');
  if (typeof presigId !== 'string' || presigId.length !== 32) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', 'presigId must be 16 bytes of hex');
  fromHex(presigId);
  // Checked before the presignature is burnt: a bad hash must not cost one.
  if (!(hash instanceof Uint8Array) || hash.length !== 32) throw new SigilError('SIGIL_E_INVALID_LENGTH', 'the hash must be 32 bytes');
  return { keyId, valueId: presigId.toLowerCase(), hash };
}

/** `ecdsa.sign` for a batch; results in request order (a body or the request's error). */
export function ecdsaSignBatch(ctx: RequestContext, bodies: readonly Body[]): Promise<Array<Body | SigilError>> {
  return runOneTimeBatch(bodies, parse, ctx.store.presignatures, async (job, record) => {
    const presig = ctx.keys.openPresignature(job.keyId, job.valueId, record.blob);
    const { sigma, presigId } = await ecdsaSignPartial(ctx.core, presig, job.hash);
    if (toHex(presigId) !== job.valueId) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', 'presignature id mismatch');
    return { sigma };
  });
}

/** One `ecdsa.sign` request outside a batch. */
export async function ecdsaSignOne(ctx: RequestContext, body: Body): Promise<Body> {
  const [result] = await ecdsaSignBatch(ctx, [body]);
  if (result instanceof Error) throw result;
  return result!;
}
