/**
 * Frames: many envelopes of many sessions in one `WireFrame` body. The body
 * is a msgpack array of envelope tuples
 * `[sessionId, round, from, to, seq, payload, signature]` (bin, uint, uint,
 * uint, uint, bin, bin), lz4-compressed (lz4-napi block, 4-byte LE size
 * prefix) when the raw body reaches the compression threshold. Decoding
 * checks sizes before it allocates and the shape of every field after.
 */
import { Packr, Unpackr } from 'msgpackr';
import { compressSync, uncompressSync } from 'lz4-napi';
import { SigilError } from '../core/errors.ts';

/** One envelope as routed by the transport (contents opaque, see `wire.seal_envelope`). */
export interface WireEnvelope {
  readonly sessionId: Uint8Array;
  /** Round, 0..65535. */
  readonly round: number;
  /** Sender party id, 0..65534. */
  readonly from: number;
  /** Recipient party id, or 0xFFFF for broadcast. */
  readonly to: number;
  /** Sender sequence number, a safe integer ≥ 0. */
  readonly seq: number;
  /** Sealed body from the core. */
  readonly payload: Uint8Array;
  /** 64-byte Ed25519 signature over the body. */
  readonly signature: Uint8Array;
}

/** The protobuf `WireFrame` message (proto-loader camelCase). */
export interface WireFrame {
  readonly body: Uint8Array;
  readonly compressed: boolean;
  readonly rawLength: number;
}

/** Size limits of a frame; every decode enforces them. */
export interface FrameLimits {
  /** Largest uncompressed body in bytes. */
  readonly maxRawBytes: number;
  /** Most envelopes in one frame. */
  readonly maxEnvelopes: number;
  /** Longest session id. */
  readonly maxSessionIdBytes: number;
  /** Largest envelope payload. */
  readonly maxPayloadBytes: number;
  /** Compress bodies of at least this many bytes. */
  readonly compressThreshold: number;
}

/** Defaults: 16 MiB frames, 4096 envelopes, 64-byte session ids, 4 MiB + 1 KiB payloads, 1 KiB threshold. */
export const DEFAULT_FRAME_LIMITS: FrameLimits = Object.freeze({
  maxRawBytes: 16 << 20,
  maxEnvelopes: 4096,
  maxSessionIdBytes: 64,
  maxPayloadBytes: (4 << 20) + 1024,
  compressThreshold: 1024,
});

/** Broadcast recipient. */
export const BROADCAST = 0xffff;
const SIGNATURE_BYTES = 64;

const packr = new Packr({ useRecords: false, variableMapSize: true });
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: false, int64AsType: 'number' });

function malformed(message: string): SigilError {
  return new SigilError('SIGIL_E_FRAME_MALFORMED', message);
}

function tooLarge(message: string): SigilError {
  return new SigilError('SIGIL_E_FRAME_TOO_LARGE', message);
}

function checkEnvelope(e: WireEnvelope, i: number, limits: FrameLimits): void {
  const bad = (what: string) => new SigilError('SIGIL_E_ENVELOPE_INVALID', `envelope ${i}: ${what}`);
  if (!(e.sessionId instanceof Uint8Array) || e.sessionId.length === 0 || e.sessionId.length > limits.maxSessionIdBytes) {
    throw bad(`sessionId must be 1..${limits.maxSessionIdBytes} bytes`);
  }
  for (const [name, v, max] of [['round', e.round, 0xffff], ['from', e.from, 0xfffe], ['to', e.to, 0xffff]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > max) throw bad(`${name} must be an integer in 0..${max}`);
  }
  if (!Number.isSafeInteger(e.seq) || e.seq < 0) throw bad('seq must be a safe integer ≥ 0');
  if (!(e.payload instanceof Uint8Array) || e.payload.length > limits.maxPayloadBytes) {
    throw bad(`payload must be at most ${limits.maxPayloadBytes} bytes`);
  }
  if (!(e.signature instanceof Uint8Array) || e.signature.length !== SIGNATURE_BYTES) throw bad('signature must be 64 bytes');
}

/**
 * Encode envelopes into a frame.
 * @throws {SigilError} SIGIL_E_ENVELOPE_INVALID, SIGIL_E_FRAME_TOO_MANY_ENVELOPES, SIGIL_E_FRAME_TOO_LARGE.
 */
export function encodeFrame(envelopes: readonly WireEnvelope[], limits: FrameLimits = DEFAULT_FRAME_LIMITS): WireFrame {
  if (envelopes.length > limits.maxEnvelopes) {
    throw new SigilError('SIGIL_E_FRAME_TOO_MANY_ENVELOPES', `a frame holds at most ${limits.maxEnvelopes} envelopes`);
  }
  envelopes.forEach((e, i) => checkEnvelope(e, i, limits));
  const tuples = envelopes.map((e) => [e.sessionId, e.round, e.from, e.to, e.seq, e.payload, e.signature]);
  const raw: Uint8Array = packr.pack(tuples);
  if (raw.length > limits.maxRawBytes) throw tooLarge(`frame body is ${raw.length} bytes, limit ${limits.maxRawBytes}`);
  if (raw.length < limits.compressThreshold) return { body: raw, compressed: false, rawLength: raw.length };
  const packed = compressSync(Buffer.from(raw.buffer, raw.byteOffset, raw.length));
  return { body: packed, compressed: true, rawLength: raw.length };
}

/** Read the raw body, checking the declared sizes before lz4 allocates. */
function rawBody(frame: WireFrame, limits: FrameLimits): Uint8Array {
  if (!(frame.body instanceof Uint8Array)) throw malformed('frame body must be bytes');
  if (!Number.isInteger(frame.rawLength) || frame.rawLength < 0) throw malformed('frame rawLength must be an integer ≥ 0');
  if (frame.rawLength > limits.maxRawBytes) throw tooLarge(`frame declares ${frame.rawLength} bytes, limit ${limits.maxRawBytes}`);
  if (!frame.compressed) {
    if (frame.body.length !== frame.rawLength) throw malformed('frame rawLength does not match its body');
    return frame.body;
  }
  if (frame.body.length < 4) throw malformed('compressed frame is truncated');
  const declared = Buffer.from(frame.body.buffer, frame.body.byteOffset, 4).readUInt32LE(0);
  if (declared !== frame.rawLength) throw malformed('compressed size prefix does not match rawLength');
  let raw: Buffer;
  try {
    raw = uncompressSync(frame.body);
  } catch {
    throw malformed('frame body does not decompress');
  }
  if (raw.length !== frame.rawLength) throw malformed('decompressed length does not match rawLength');
  return raw;
}

function toEnvelope(t: unknown, i: number): WireEnvelope {
  if (!Array.isArray(t) || t.length !== 7) throw malformed(`envelope ${i} must be a 7-item array`);
  const [sessionId, round, from, to, seq, payload, signature] = t as unknown[];
  const bins = [sessionId, payload, signature];
  const nums = [round, from, to, seq];
  if (!bins.every((b) => b instanceof Uint8Array) || !nums.every((n) => typeof n === 'number')) {
    throw malformed(`envelope ${i} has fields of the wrong type`);
  }
  return {
    sessionId: sessionId as Uint8Array,
    round: round as number,
    from: from as number,
    to: to as number,
    seq: seq as number,
    payload: payload as Uint8Array,
    signature: signature as Uint8Array,
  };
}

/**
 * Decode and validate a frame.
 * @throws {SigilError} SIGIL_E_FRAME_TOO_LARGE, SIGIL_E_FRAME_MALFORMED, SIGIL_E_FRAME_TOO_MANY_ENVELOPES, SIGIL_E_ENVELOPE_INVALID.
 */
export function decodeFrame(frame: WireFrame, limits: FrameLimits = DEFAULT_FRAME_LIMITS): WireEnvelope[] {
  const raw = rawBody(frame, limits);
  let value: unknown;
  try {
    value = unpackr.unpack(raw);
  } catch {
    // msgpackr messages quote the data: never pass them on.
    throw malformed('frame body is not valid msgpack');
  }
  if (!Array.isArray(value)) throw malformed('frame body must be an array of envelopes');
  if (value.length > limits.maxEnvelopes) {
    throw new SigilError('SIGIL_E_FRAME_TOO_MANY_ENVELOPES', `a frame holds at most ${limits.maxEnvelopes} envelopes`);
  }
  const envelopes = value.map(toEnvelope);
  envelopes.forEach((e, i) => checkEnvelope(e, i, limits));
  return envelopes;
}
