/** What the coordinator's protocol parts (ECDSA keys, presign refill) need from the coordinator. */
import type { Core } from '../core/index.ts';

/** Kinds of session the coordinator records. */
export type SessionKind = 'keygen' | 'presign' | 'sign';

/** Per-session options. */
export interface SessionOptions {
  readonly id?: string;
  readonly timeoutMs?: number;
}

/** The coordinator as its protocol parts see it. */
export interface ClusterPort {
  /** The coordinator's core (public computations only: combine, verify). */
  readonly core: Core;
  /**
   * Run a session on `parties` (id: given or a fresh UUID); resolves with each
   * party's public result, rejects naming the missing or failed parties.
   */
  runSession(kind: SessionKind, protocol: string, keyId: string, parties: readonly number[], params: Record<string, unknown>, opts?: SessionOptions): Promise<Map<number, Uint8Array>>;
  /** Whether `node` is connected and has said hello. */
  healthy(node: number): boolean;
  /** Ask `node` to run a one-shot request. */
  request(node: number, op: string, body: Readonly<Record<string, unknown>>, timeoutMs: number): Promise<Readonly<Record<string, unknown>>>;
}
