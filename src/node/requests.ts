/**
 * One-shot requests a node serves: FROST nonce generation (preprocessing)
 * and FROST signing. A nonce is taken from durable storage — marked used in
 * the same committed transaction — before its share is computed and sent.
 */
import { SigilError, fromHex, toHex, type Core } from '../core/index.ts';
import { frostCommit, frostSign, type FrostSuite } from '../protocol/index.ts';
import type { Store } from '../store/index.ts';
import type { KeyStore } from './keystore.ts';

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

/** `frost.sign` {keyId, suite, nonceId, message, commitments, tweak?} → {share}. */
async function sign(ctx: RequestContext, body: Body): Promise<Body> {
  const suite = suiteOf(body);
  const keyId = str(body, 'keyId');
  const nonceId = str(body, 'nonceId');
  fromHex(nonceId);
  const message = bytes(body, 'message');
  const commitments = commitmentMap(body);
  const tweak = body.tweak === undefined ? undefined : bytes(body, 'tweak');
  const kp = await keyPackage(ctx, keyId, suite);
  // Durable first: the nonce is marked used before any share can leave this node.
  const record = await ctx.store.frostNonces.take(nonceId);
  if (record.keyId !== keyId) throw new SigilError('SIGIL_E_INVALID_ARGUMENT', 'nonce belongs to another key');
  const nonces = ctx.keys.open(`${keyId}/${nonceId}`, 'nonce', `frost-${suite}`, record.blob);
  const { share } = await frostSign(ctx.core, suite, kp, nonces, { message, commitments, ...(tweak ? { tweak } : {}) });
  return { share };
}

/** Request handlers by op. */
export const REQUESTS: ReadonlyMap<string, (ctx: RequestContext, body: Body) => Promise<Body>> = new Map([
  ['frost.commit', commit],
  ['frost.sign', sign],
]);
