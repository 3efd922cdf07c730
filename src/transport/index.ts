/** The transport room: frames, replay window, gRPC channels and streams, local certificates. */
export { TRANSPORT_ERRORS } from './errors.ts';
export type { TransportErrorCode } from './errors.ts';
export { BROADCAST, DEFAULT_FRAME_LIMITS, decodeFrame, encodeFrame } from './frame.ts';
export type { FrameLimits, WireEnvelope, WireFrame } from './frame.ts';
export { ReplayWindow } from './replay.ts';
export { ensureCa, ensureProcessCert } from './certs.ts';
export type { TlsFiles } from './certs.ts';
export {
  CHANNEL_OPTIONS,
  ChannelPool,
  PROTO_OPTIONS,
  PROTO_ROOT,
  SERVER_OPTIONS,
  clientCredentials,
  loadProtos,
  peerName,
  serverCredentials,
  startNodeServer,
} from './grpc.ts';
export type { NodeServiceHandlers, SigilProtos } from './grpc.ts';
export { DEFAULT_PEER_STREAM_OPTIONS, PeerStream } from './peer-stream.ts';
export type { PeerState, PeerStreamHandlers, PeerStreamOptions } from './peer-stream.ts';
