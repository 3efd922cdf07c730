/**
 * The client-facing gRPC API (`sigil.mpc.v1.CoordinatorService`, mTLS) over
 * the same SigningService as HTTP. Errors map to the registry's gRPC status
 * with the stable code and culprits in trailing metadata (`sigil-code`,
 * `sigil-culprits`).
 */
import * as grpc from '@grpc/grpc-js';
import { SigilError, fromHex } from '../core/index.ts';
import { KEY_PROTOCOLS, type KeyInfo, type KeyProtocol, type SignatureResult, type SigningService } from '../coordinator/service.ts';
import type { CreateKeyRequest, GetKeyRequest, SignBatchRequest, SignRequest } from '../gen/mpc/v1/coordinator_pb.ts';
import { SERVER_OPTIONS, loadProtos } from '../transport/index.ts';

/** A request as proto-loader decodes it: the generated message type without its type tag. */
type Req<T> = Omit<T, '$typeName' | '$unknown'>;

type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, cb: grpc.sendUnaryData<Res>) => void;

function toStatus(err: unknown): Partial<grpc.StatusObject> {
  const e = err instanceof SigilError ? err : new SigilError('SIGIL_E_BUG', 'internal error');
  const metadata = new grpc.Metadata();
  metadata.set('sigil-code', e.code);
  if (e.culprits.length) metadata.set('sigil-culprits', e.culprits.join(','));
  return { code: e.grpcStatus, details: `${e.code}: ${e.message}`, metadata };
}

function unary<Req, Res>(run: (req: Req) => Promise<Res>): Unary<Req, Res> {
  return (call, cb) => {
    run(call.request).then((res) => cb(null, res), (err: unknown) => cb(toStatus(err)));
  };
}

function key(k: KeyInfo) {
  return { id: k.id, protocol: k.protocol, curve: k.curve, t: k.t, n: k.n, parties: [...k.parties], publicKey: k.publicKey, label: k.label ?? '', createdAt: k.createdAt };
}

function signature(s: SignatureResult) {
  return { sessionId: s.sessionId, signature: s.signature, ...(s.recoveryId === undefined ? {} : { recoveryId: s.recoveryId }) };
}

/** The ECDSA signing mode of a request: empty means the default (presigned). */
function signMode(mode: unknown): { mode?: 'presigned' | 'gg18' } {
  if (mode === undefined || mode === '') return {};
  if (mode === 'presigned' || mode === 'gg18') return { mode };
  throw new SigilError('SIGIL_E_BAD_REQUEST', 'mode must be presigned or gg18');
}

function hexMessage(text: unknown): Uint8Array {
  if (typeof text !== 'string' || text.length === 0 || text.length > 131_072) throw new SigilError('SIGIL_E_BAD_REQUEST', 'message must be 1–64 KiB of hex');
  try {
    return fromHex(text);
  } catch {
    throw new SigilError('SIGIL_E_BAD_REQUEST', 'message must be hex');
  }
}

/** The handlers, one per RPC. */
export function coordinatorHandlers(service: SigningService): grpc.UntypedServiceImplementation {
  return {
    createKey: unary(async (r: Req<CreateKeyRequest>) => {
      if (!KEY_PROTOCOLS.includes(r.protocol as KeyProtocol)) throw new SigilError('SIGIL_E_BAD_REQUEST', `unknown protocol ${r.protocol}`);
      return key(await service.createKey({ protocol: r.protocol as KeyProtocol, t: r.t, n: r.n, ...(r.label ? { label: r.label } : {}) }));
    }),
    getKey: unary(async (r: Req<GetKeyRequest>) => key(await service.getKey(r.id))),
    listKeys: unary(async () => ({ keys: (await service.listKeys()).map(key), nextCursor: '' })),
    sign: unary(async (r: Req<SignRequest>) => signature(await service.sign({ keyId: r.keyId, message: hexMessage(r.message), ...signMode(r.mode) }))),
    signBatch: unary(async (r: Req<SignBatchRequest>) => {
      if (!Array.isArray(r.messages) || r.messages.length === 0 || r.messages.length > 1000) throw new SigilError('SIGIL_E_BAD_REQUEST', '1–1000 messages');
      return { signatures: (await service.signBatch(r.keyId, r.messages.map(hexMessage), signMode(r.mode).mode)).map(signature) };
    }),
    getSession: unary(async (r: { id: string }) => {
      const s = await service.getSession(r.id);
      return {
        id: s.id, kind: 'session', protocol: s.protocol, keyId: s.keyId ?? '', parties: [...s.parties], round: s.round,
        status: s.status, errorCode: s.error?.code ?? '', culprits: [...(s.error?.culprits ?? [])], updatedAt: s.updatedAt,
      };
    }),
    listNodes: unary(async () => ({
      nodes: (await service.listNodes()).map((n) => ({ id: n.id, address: n.address, identity: '', healthy: n.healthy, lastSeen: n.lastSeen ?? '' })),
    })),
  };
}

/**
 * Serve CoordinatorService on `address` (port 0 = any).
 * @throws {SigilError} SIGIL_E_PEER_UNAVAILABLE when the address cannot be bound.
 */
export async function startCoordinatorGrpc(service: SigningService, address: string, credentials: grpc.ServerCredentials): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server(SERVER_OPTIONS);
  server.addService(loadProtos().CoordinatorService.service, coordinatorHandlers(service));
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(address, credentials, (err, p) => (err ? reject(new SigilError('SIGIL_E_PEER_UNAVAILABLE', `cannot bind ${address}: ${err.message}`)) : resolve(p)));
  });
  return { server, port };
}
