/**
 * gRPC plumbing: the protos, mTLS credentials, a pool of long-lived channels,
 * the NodeService server and peer identification. The self-healing client
 * stream is in peer-stream.ts.
 */
import { readFileSync } from 'node:fs';
import type { PeerCertificate } from 'node:tls';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { SigilError } from '../core/errors.ts';
import type { WireFrame } from './frame.ts';
import type { TlsFiles } from './certs.ts';

/** Directory holding `mpc/v1/*.proto`. */
export const PROTO_ROOT = fileURLToPath(new URL('../../proto', import.meta.url));

/** proto-loader options shared by every process (camelCase fields, bytes as Buffer). */
export const PROTO_OPTIONS: protoLoader.Options = {
  keepCase: false,
  longs: String,
  enums: String,
  bytes: Buffer,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};

/** The loaded service definitions. */
export interface SigilProtos {
  readonly NodeService: grpc.ServiceClientConstructor;
  readonly CoordinatorService: grpc.ServiceClientConstructor;
}

let cached: SigilProtos | undefined;

/** Load (once) the `sigil.mpc.v1` services. */
export function loadProtos(): SigilProtos {
  if (cached) return cached;
  const def = protoLoader.loadSync(['mpc/v1/node.proto', 'mpc/v1/coordinator.proto'], PROTO_OPTIONS);
  const pkg = grpc.loadPackageDefinition(def) as unknown as { sigil: { mpc: { v1: SigilProtos } } };
  cached = pkg.sigil.mpc.v1;
  return cached;
}

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new SigilError('SIGIL_E_TLS_MATERIAL', `cannot read the ${what} at ${path}`);
  }
}

/**
 * Client mTLS credentials from PEM files.
 * @throws {SigilError} SIGIL_E_TLS_MATERIAL when a file is unreadable.
 */
export function clientCredentials(files: TlsFiles): grpc.ChannelCredentials {
  return grpc.credentials.createSsl(readPem(files.ca, 'CA'), readPem(files.key, 'key'), readPem(files.cert, 'certificate'));
}

/**
 * Server mTLS credentials from PEM files; clients must present a certificate signed by the CA.
 * @throws {SigilError} SIGIL_E_TLS_MATERIAL when a file is unreadable.
 */
export function serverCredentials(files: TlsFiles): grpc.ServerCredentials {
  const pair = { private_key: readPem(files.key, 'key'), cert_chain: readPem(files.cert, 'certificate') };
  return grpc.ServerCredentials.createSsl(readPem(files.ca, 'CA'), [pair], true);
}

/** Channel options: keepalive, message size and reconnect backoff. */
export const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.keepalive_time_ms': 10_000,
  'grpc.keepalive_timeout_ms': 5_000,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.http2.max_pings_without_data': 0,
  'grpc.max_receive_message_length': 32 << 20,
  'grpc.max_send_message_length': 32 << 20,
  'grpc.initial_reconnect_backoff_ms': 100,
  'grpc.max_reconnect_backoff_ms': 5_000,
};

/** Server options matching the client keepalive. */
export const SERVER_OPTIONS: grpc.ChannelOptions = {
  'grpc.keepalive_time_ms': 10_000,
  'grpc.keepalive_timeout_ms': 5_000,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.http2.min_ping_interval_without_data_ms': 5_000,
  'grpc.max_receive_message_length': 32 << 20,
  'grpc.max_send_message_length': 32 << 20,
};

/** One long-lived client per (service, address). */
export class ChannelPool {
  readonly #clients = new Map<string, grpc.Client>();
  readonly #credentials: grpc.ChannelCredentials;
  readonly #options: grpc.ChannelOptions;

  /** @param credentials mTLS client credentials (see `clientCredentials`). */
  constructor(credentials: grpc.ChannelCredentials, options: grpc.ChannelOptions = CHANNEL_OPTIONS) {
    this.#credentials = credentials;
    this.#options = options;
  }

  /** The client for `address` (`host:port`), created on first use and kept open. */
  get(service: grpc.ServiceClientConstructor, address: string): grpc.Client {
    const key = `${service.serviceName}@${address}`;
    let client = this.#clients.get(key);
    if (!client) {
      client = new service(address, this.#credentials, this.#options);
      this.#clients.set(key, client);
    }
    return client;
  }

  /** Close every channel. */
  close(): void {
    for (const c of this.#clients.values()) c.close();
    this.#clients.clear();
  }

  /** Open channels. */
  get size(): number {
    return this.#clients.size;
  }
}

/** What a node (or a test) serves on `NodeService`. */
export interface NodeServiceHandlers {
  /** One bidirectional stream from the coordinator. */
  connect(stream: grpc.ServerDuplexStream<WireFrame, WireFrame>): void;
  /** Health answer. */
  health(): { nodeId: number; identity: Uint8Array; version: string; uptimeS: number; presignPool?: Record<string, number> };
}

/**
 * Start a `NodeService` server on `address` (`host:port`, port 0 = any); resolves with the bound port.
 * @throws {SigilError} SIGIL_E_PEER_UNAVAILABLE when the address cannot be bound.
 */
export async function startNodeServer(
  address: string,
  credentials: grpc.ServerCredentials,
  handlers: NodeServiceHandlers,
): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server(SERVER_OPTIONS);
  server.addService(loadProtos().NodeService.service, {
    connect: handlers.connect,
    health: (_call: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, handlers.health()),
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(address, credentials, (err, p) => {
      if (err) reject(new SigilError('SIGIL_E_PEER_UNAVAILABLE', `cannot bind ${address}: ${err.message}`));
      else resolve(p);
    });
  });
  return { server, port };
}

/**
 * The certificate common name the peer presented over mTLS (e.g. `coordinator`,
 * `node-2`), for checking who is on the other end of a server call.
 * @throws {SigilError} SIGIL_E_PEER_UNAUTHENTICATED when the call carries no verified certificate.
 */
export function peerName(call: { getAuthContext(): { sslPeerCertificate?: PeerCertificate } | null }): string {
  const cert = call.getAuthContext()?.sslPeerCertificate;
  const cn = cert?.subject?.CN;
  const name = Array.isArray(cn) ? cn[0] : cn;
  if (!name) throw new SigilError('SIGIL_E_PEER_UNAUTHENTICATED', 'the peer presented no certificate');
  return name;
}
