/**
 * The control plane between coordinator and nodes: typed messages carried in
 * round-0 envelopes (protocol bundles use rounds ≥ 1). Every decoded message
 * is validated field by field before use; a bad one is a typed error.
 */
import { Packr } from 'msgpackr';
import { SigilError } from '../core/index.ts';

const packr = new Packr({ useRecords: false, mapsAsObjects: true, int64AsType: 'number' });

/** A node announces itself after the stream opens. */
export interface Hello {
  readonly type: 'hello';
  readonly node: number;
  /** Node identity public key (Ed25519 32 ‖ X25519 32). */
  readonly identity: Uint8Array;
}

/** Coordinator → node: the directory of node identities (for sealing and signature checks). */
export interface Directory {
  readonly type: 'directory';
  readonly nodes: ReadonlyArray<{ readonly node: number; readonly identity: Uint8Array }>;
}

/** Coordinator → node: join a protocol session. */
export interface StartSession {
  readonly type: 'start';
  readonly session: string;
  /** Descriptor name, e.g. `frost.dkg`, `ecdsa.presign`. */
  readonly protocol: string;
  readonly keyId: string;
  readonly parties: readonly number[];
  /** Public parameters (protocol specific, msgpack-safe). */
  readonly params: Readonly<Record<string, unknown>>;
}

/** Node → coordinator: this party finished; `result` is its public output. */
export interface SessionDone {
  readonly type: 'done';
  readonly session: string;
  readonly result: Uint8Array;
}

/** Node → coordinator: this party's session failed. */
export interface SessionFailed {
  readonly type: 'failed';
  readonly session: string;
  readonly code: string;
  readonly message: string;
  readonly culprits: readonly number[];
}

/** Coordinator → node: the session failed elsewhere; drop it now (its state, counters and replay entries). */
export interface AbortSession {
  readonly type: 'abort';
  readonly session: string;
  readonly code: string;
}

/** Coordinator → node: run one-shot requests (online signing, nonce generation) as a batch. */
export interface Request {
  readonly type: 'request';
  readonly id: number;
  readonly op: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** Node → coordinator: the answer to a request. */
export interface Reply {
  readonly type: 'reply';
  readonly id: number;
  readonly ok: boolean;
  readonly body?: Readonly<Record<string, unknown>>;
  readonly error?: { readonly code: string; readonly message: string; readonly culprits: readonly number[] };
}

/** Every control message. */
export type Control = Hello | Directory | StartSession | SessionDone | SessionFailed | AbortSession | Request | Reply;

/** Encode a control message. */
export function encodeControl(msg: Control): Uint8Array {
  return packr.pack(msg);
}

function malformed(detail: string): SigilError {
  return new SigilError('SIGIL_E_MALFORMED', `control message: ${detail}`);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
const isId = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffff;
const isStr = (v: unknown, max = 256): v is string => typeof v === 'string' && v.length <= max;
const isBytes = (v: unknown, max = 1 << 20): v is Uint8Array => v instanceof Uint8Array && v.length <= max;

function need(ok: boolean, field: string): void {
  if (!ok) throw malformed(`bad field ${field}`);
}

function checkFields(m: Record<string, unknown>): void {
  switch (m.type) {
    case 'hello':
      need(isId(m.node), 'node');
      need(isBytes(m.identity, 64) && (m.identity as Uint8Array).length === 64, 'identity');
      return;
    case 'directory':
      need(Array.isArray(m.nodes) && m.nodes.every((n) => isObj(n) && isId(n.node) && isBytes(n.identity, 64)), 'nodes');
      return;
    case 'start':
      need(isStr(m.session, 64), 'session');
      need(isStr(m.protocol, 64), 'protocol');
      need(isStr(m.keyId, 64), 'keyId');
      need(Array.isArray(m.parties) && m.parties.length >= 1 && m.parties.length <= 255 && m.parties.every(isId), 'parties');
      need(isObj(m.params), 'params');
      return;
    case 'done':
      need(isStr(m.session, 64), 'session');
      need(isBytes(m.result), 'result');
      return;
    case 'failed':
      need(isStr(m.session, 64) && isStr(m.code, 64) && isStr(m.message, 4096), 'session/code/message');
      need(Array.isArray(m.culprits) && m.culprits.every(isId), 'culprits');
      return;
    case 'abort':
      need(isStr(m.session, 64) && isStr(m.code, 64), 'session/code');
      return;
    case 'request':
      need(Number.isSafeInteger(m.id) && isStr(m.op, 64) && isObj(m.body), 'id/op/body');
      return;
    case 'reply':
      need(Number.isSafeInteger(m.id) && typeof m.ok === 'boolean', 'id/ok');
      need(m.body === undefined || isObj(m.body), 'body');
      need(m.error === undefined || (isObj(m.error) && isStr(m.error.code, 64) && isStr(m.error.message, 4096)), 'error');
      return;
    default:
      throw malformed(`unknown type ${String(m.type)}`);
  }
}

/**
 * Decode and validate a control message.
 * @throws {SigilError} SIGIL_E_MALFORMED for undecodable bytes or a bad shape.
 */
export function decodeControl(bytes: Uint8Array): Control {
  let value: unknown;
  try {
    value = packr.unpack(bytes);
  } catch (err) {
    throw malformed(`undecodable: ${(err as Error).message}`);
  }
  if (!isObj(value)) throw malformed('not a map');
  checkFields(value);
  return value as unknown as Control;
}
