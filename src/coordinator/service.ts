/**
 * The coordinator's door: what the HTTP and gRPC APIs (and the CLI through
 * them) may ask of it. Every method validates its input and throws a
 * `SigilError` with a registered code; hex strings are lowercase, no `0x`.
 */

/** Key families the engine serves. */
export type KeyProtocol = 'ecdsa-secp256k1' | 'frost-ed25519' | 'frost-secp256k1' | 'frost-taproot';

/** Every protocol, for validation and docs. */
export const KEY_PROTOCOLS: readonly KeyProtocol[] = ['ecdsa-secp256k1', 'frost-ed25519', 'frost-secp256k1', 'frost-taproot'];

/** Create a key by distributed key generation. */
export interface CreateKeyRequest {
  readonly protocol: KeyProtocol;
  /** Signers needed (2 ≤ t ≤ n). */
  readonly t: number;
  /** Nodes holding shares (t ≤ n ≤ cluster size). */
  readonly n: number;
  /** Free-form label (≤ 128 chars). */
  readonly label?: string;
}

/** A key as the API shows it (public data only). */
export interface KeyInfo {
  readonly id: string;
  readonly protocol: KeyProtocol;
  readonly curve: 'secp256k1' | 'ed25519';
  readonly t: number;
  readonly n: number;
  /** Node ids holding shares. */
  readonly parties: readonly number[];
  /** Group public key: 33-byte SEC1 compressed (secp256k1), 32 bytes (ed25519), 32-byte x-only (taproot). */
  readonly publicKey: string;
  readonly label?: string;
  readonly createdAt: string;
}

/** Sign one message. */
export interface SignRequest {
  readonly keyId: string;
  /**
   * ECDSA: the 32-byte message hash. FROST: the message itself (≤ 64 KiB),
   * e.g. a Solana transaction message or a 32-byte BIP-341 sighash.
   */
  readonly message: Uint8Array;
  /** ECDSA only: `presigned` (default, from the pool) or `gg18` (full protocol, no pool). */
  readonly mode?: 'presigned' | 'gg18';
}

/** A verified signature. */
export interface SignatureResult {
  readonly keyId: string;
  readonly sessionId: string;
  /** 64 bytes: r‖s (ECDSA, low-s), R‖z (Ed25519), R.x‖s (BIP-340). */
  readonly signature: string;
  /** ECDSA recovery id (0–3). */
  readonly recoveryId?: number;
  /** Node ids that signed. */
  readonly signers: readonly number[];
  /** ECDSA: how it was made — `presigned` (from the pool) or `gg18` (full protocol, also the fallback when the pool is empty). */
  readonly mode?: 'presigned' | 'gg18';
}

/** Session states. */
export type SessionStatus = 'running' | 'done' | 'failed';

/** A protocol session as the API shows it. */
export interface SessionInfo {
  readonly id: string;
  readonly protocol: string;
  readonly keyId?: string;
  readonly status: SessionStatus;
  readonly round: number;
  readonly parties: readonly number[];
  readonly error?: { readonly code: string; readonly message: string; readonly culprits: readonly number[] };
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A node as the coordinator sees it. */
export interface NodeInfo {
  readonly id: number;
  readonly address: string;
  readonly healthy: boolean;
  /** ISO time of the last successful health check, if any. */
  readonly lastSeen?: string;
  /** Per key id: FROST nonce commitments this node has ready, or ECDSA presignatures this node is a signer of. */
  readonly pools: Readonly<Record<string, number>>;
}

/** Overall health. */
export interface Health {
  readonly ok: boolean;
  readonly nodes: number;
  readonly healthyNodes: number;
  readonly leader: boolean;
}

/** What the coordinator offers its APIs. */
export interface SigningService {
  /** Run DKG; resolves when every party holds its share. */
  createKey(req: CreateKeyRequest): Promise<KeyInfo>;
  /** @throws {SigilError} SIGIL_E_NOT_FOUND */
  getKey(id: string): Promise<KeyInfo>;
  listKeys(): Promise<KeyInfo[]>;
  /** Sign and verify one message. */
  sign(req: SignRequest): Promise<SignatureResult>;
  /** Sign many messages with one key; results in request order. */
  signBatch(keyId: string, messages: readonly Uint8Array[], mode?: 'presigned' | 'gg18'): Promise<SignatureResult[]>;
  /** @throws {SigilError} SIGIL_E_NOT_FOUND */
  getSession(id: string): Promise<SessionInfo>;
  listNodes(): Promise<NodeInfo[]>;
  health(): Promise<Health>;
}
