/**
 * One-shot requests a node serves: FROST nonce generation (preprocessing)
 * and FROST signing (batched per frame); ECDSA online signing is in
 * `ecdsa-requests.ts`. A nonce is taken from durable
 * storage — marked used in a committed transaction — before its share is
 * computed and sent.
 */
import { SigilError, fromHex, toHex, type Core } from '../core/index.ts';
import { frostCommit, frostSign, type FrostSuite } from '../protocol/index.ts';
import type { Store } from '../store/index.ts';
import type { KeyStore } from './keystore.ts';
import { runOneTimeBatch } from './one-time-batch.ts';
import { ecdsaSignOne } from './ecdsa-requests.ts';

const SUITES: readonly FrostSuite[] = ['ed25519', 'secp256k1', 'secp256k1-tr'];
const MAX_COMMIT_BATCH = 1024;

type Body = Readonly<Record<string, unknown>>;

function suiteOf(body: Body): FrostSuite {
  const s = body.suite;
  if (typeof s !== 'string' || !SUITES.includes(s as FrostSuite)) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', 'unknown FROST suite');
  return s as FrostSuite;
}

function str(body: Body, field: string): string {
  const v = body[field];
  if (typeof v !== 'string' || v.length === 0 || v.length > 128) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', `bad field ${field}`);
  return v;
}

function bytes(body: Body, field: string): Uint8Array {
  const v = body[field];
  if (!(v instanceof Uint8Array)) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', `bad field ${field}`);
  return v;
}

/** What request handlers need. */
export interface RequestContext {
  readonly core: Core;
  readonly store: Store;
  readonly keys: KeyStore;
}

async function keyPackage(ctx: RequestContext, keyId: string, suite: FrostSuite): Promise<Uint8Array> {
  const kp = await ctx.keys.getKey(keyId, `frost-${suite}`);
  if (!kp) throw new SigilError('SIGIL_E_NOT_FOUND', `no share of key ${keyId} on this node`);
  return kp;
}

/** `frost.commit` {keyId, suite, count} → {nonces: [[id hex, commitments]]}. */
async function commit(ctx: RequestContext, body: Body): Promise<Body> {
  const suite = suiteOf(body);
  const keyId = str(body, 'keyId');
  const count = body.count;
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_COMMIT_BATCH) {
    throw new SigilError('SIGIL_E_INVALID_ARGUMENT', `count must be 1–${MAX_COMMIT_BATCH}`);
  }
  const kp = await keyPackage(ctx, keyId, suite);
  const out: Array<[string, Uint8Array]> = [];
  const records = [];
  for (let i = 0; i < (count as number); i++) {
    const c = await frostCommit(ctx.core, suite, kp);
    const id = toHex(c.nonceId);
    records.push({ id, keyId, blob: ctx.keys.seal(`${keyId}/${id}`, 'nonce', `frost-${suite}`, c.nonces) });
    out.push([id, c.commitments]);
  }
  await ctx.store.frostNonces.add(records);
  return { nonces: out };
}

function commitmentMap(body: Body): Map<number, Uint8Array> {
  const list = body.commitments;
  if (!Array.isArray(list) || list.length === 0 || list.length > 255) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', 'bad commitments');
  const map = new Map<number, Uint8Array>();
  for (const entry of list) {
    if (!Array.isArray(entry) || !Number.isInteger(entry[0]) || !(entry[1] instanceof Uint8Array)) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', 'bad commitment entry');
    if (map.has(entry[0])) throw new SigilError('SIGIL_E_DUPLICATE_PARTY', `signer ${entry[0]} twice`, [entry[0]]);
    map.set(entry[0], entry[1]);
  }
  return map;
}

interface SignJob {
  readonly suite: FrostSuite;
  readonly keyId: string;
  readonly valueId: string;
  readonly message: Uint8Array;
  readonly commitments: Map<number, Uint8Array>;
  readonly tweak: Uint8Array | undefined;
}

function parseSign(body: Body): SignJob {
  const nonceId = str(body, 'nonceId');
  fromHex(nonceId);
  return {
    suite: suiteOf(body),
    keyId: str(body, 'keyId'),
    valueId: nonceId,
    message: bytes(body, 'message'),
    commitments: commitmentMap(body),
    tweak: body.tweak === undefined ? undefined : bytes(body, 'tweak'),
  };
}

/**
 * `frost.sign` for a batch: {keyId, suite, nonceId, message, commitments, tweak?} → {share}.
 * Every nonce of the batch is marked used in one committed transaction before
 * any share is computed, so none can leave the node unmarked.
 */
export function signBatch(ctx: RequestContext, bodies: readonly Body[]): Promise<Array<Body | SigilError>> {
  const keys = new Map<string, Uint8Array>();
  return runOneTimeBatch(bodies, parseSign, ctx.store.frostNonces, async (job, record) => {
    let kp = keys.get(job.keyId);
    if (!kp) keys.set(job.keyId, (kp = await keyPackage(ctx, job.keyId, job.suite)));
    const nonces = ctx.keys.open(`${job.keyId}/${job.valueId}`, 'nonce', `frost-${job.suite}`, record.blob);
    const { share } = await frostSign(ctx.core, job.suite, kp, nonces, { message: job.message, commitments: job.commitments, ...(job.tweak ? { tweak: job.tweak } : {}) });
    return { share };
  });
}

/** Request handlers by op. */
export const REQUESTS: ReadonlyMap<string, (ctx: RequestContext, body: Body) => Promise<Body>> = new Map([
  ['frost.commit', commit],
  ['frost.sign', async (ctx, body) => {
    const [result] = await signBatch(ctx, [body]);
    if (result instanceof Error) throw result;
    return result!;
  }],
  ['ecdsa.sign', ecdsaSignOne],
]);
