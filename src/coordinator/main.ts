/**
 * Coordinator process entry:
 * `tsx src/coordinator/main.ts --data DIR --certs DIR --nodes 1=localhost:P1,2=localhost:P2 [--http 127.0.0.1:PORT] [--grpc localhost:PORT]
 *   [--pool N] [--presigs N] [--presign-concurrency N]`.
 * Prints `{"event":"listening","url":"http://…","grpcPort":P}` when both APIs are up (gRPC: mTLS, client certs from the cluster CA).
 */
import { parseArgs } from 'node:util';
import { ensureProcessCert, serverCredentials } from '../transport/index.ts';
import { Coordinator } from './coordinator.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    certs: { type: 'string' },
    nodes: { type: 'string' },
    http: { type: 'string', default: '127.0.0.1:0' },
    grpc: { type: 'string', default: 'localhost:0' },
    pool: { type: 'string', default: '256' },
    presigs: { type: 'string', default: '16' },
    'presign-concurrency': { type: 'string', default: '2' },
  },
});
const nodes = (values.nodes ?? '').split(',').filter(Boolean).map((spec) => {
  const [id, address] = spec.split('=');
  return { id: Number(id), address: address ?? '' };
});
const count = (v: string | undefined) => (Number.isInteger(Number(v)) && Number(v) >= 0 ? Number(v) : NaN);
const presignTarget = count(values.presigs);
const presignConcurrency = count(values['presign-concurrency']);
if (!values.data || !values.certs || nodes.length === 0 || nodes.some((n) => !Number.isInteger(n.id) || !n.address) || Number.isNaN(presignTarget) || !(presignConcurrency >= 1)) {
  console.error('usage: coordinator/main.ts --data DIR --certs DIR --nodes 1=host:port,... [--http HOST:PORT] [--pool N] [--presigs N] [--presign-concurrency N]');
  process.exit(2);
}
const tls = ensureProcessCert(values.certs, 'coordinator');
const coordinator = await Coordinator.start({ dataDir: values.data, nodes, tls, poolTarget: Number(values.pool), presignTarget, presignConcurrency });
await coordinator.waitForNodes(60_000);
await coordinator.resume();
const { createApi, startCoordinatorGrpc } = await import('../api/index.ts');
const grpcApi = await startCoordinatorGrpc(coordinator, values.grpc ?? 'localhost:0', serverCredentials(tls));
const api = await createApi(coordinator, { logLevel: process.env.SIGIL_LOG_LEVEL ?? 'warn' });
const [host, port] = (values.http ?? '127.0.0.1:0').split(':');
const url = await api.listen({ host: host ?? '127.0.0.1', port: Number(port ?? 0) });
console.log(JSON.stringify({ event: 'listening', url, grpcPort: grpcApi.port }));
const shutdown = () => void api.close().then(() => grpcApi.server.forceShutdown()).then(() => coordinator.stop()).finally(() => process.exit(0));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
