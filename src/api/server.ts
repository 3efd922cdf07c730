/**
 * The HTTP API (fastify): keys, signing, sessions, nodes, health, metrics and
 * the OpenAPI document, over the coordinator's SigningService. Every error is
 * `{code, message, culprits?}` with the registry's status; bodies are never logged.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Registry, collectDefaultMetrics, Counter, Gauge, Histogram } from 'prom-client';
import { SigilError, fromHex } from '../core/index.ts';
import { KEY_PROTOCOLS, type SigningService } from '../coordinator/service.ts';
import { openApiDocument, schemas } from './schemas.ts';

/** API options. */
export interface ApiOptions {
  /** Largest request body (default 1 MiB). */
  readonly bodyLimit?: number;
  /** pino log level for JSON lines on stdout (`info` logs every request with its id); default: no logging. */
  readonly logLevel?: string;
}

function errorBody(err: SigilError): { code: string; message: string; culprits?: readonly number[] } {
  return { code: err.code, message: err.message, ...(err.culprits.length ? { culprits: err.culprits } : {}) };
}

function decodeMessage(body: { message?: string; messageBase64?: string }): Uint8Array {
  if (body.message !== undefined) return fromHex(body.message);
  if (body.messageBase64 !== undefined) return Uint8Array.from(Buffer.from(body.messageBase64, 'base64'));
  throw new SigilError('SIGIL_E_BAD_REQUEST', 'message or messageBase64 is required');
}

/** Build the API over `service` (not listening yet). */
export function createApi(service: SigningService, opts: ApiOptions = {}): FastifyInstance {
  const app = Fastify({
    bodyLimit: opts.bodyLimit ?? 1 << 20,
    // Strict validation: unknown properties are errors, nothing is coerced.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    logger: opts.logLevel ? { level: opts.logLevel, redact: ['req.headers.authorization'] } : false,
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].length <= 128 ? req.headers['x-request-id'] : randomUUID()),
  });
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const signatures = new Counter({ name: 'sigil_signatures_total', help: 'Signatures returned', labelNames: ['protocol', 'outcome'], registers: [registry] });
  const latency = new Histogram({
    name: 'sigil_sign_latency_seconds', help: 'Signing latency through the API', labelNames: ['protocol'], registers: [registry],
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2],
  });
  const errors = new Counter({ name: 'sigil_errors_total', help: 'API errors by code', labelNames: ['code'], registers: [registry] });
  new Gauge({
    name: 'sigil_pool_level', help: 'One-time values ready per key and node', labelNames: ['key_id', 'node'], registers: [registry],
    async collect() {
      this.reset();
      for (const node of await service.listNodes()) for (const [keyId, level] of Object.entries(node.pools)) this.set({ key_id: keyId, node: String(node.id) }, level);
    },
  });
  new Gauge({
    name: 'sigil_nodes_healthy', help: 'Nodes connected and healthy', registers: [registry],
    async collect() {
      this.set((await service.health()).healthyNodes);
    },
  });
  const dkg = new Counter({ name: 'sigil_dkg_total', help: 'Key generations', labelNames: ['protocol', 'outcome'], registers: [registry] });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  app.setErrorHandler((err: unknown, _req: FastifyRequest, reply: FastifyReply) => {
    const e = err as { validation?: unknown; statusCode?: number; code?: string; message?: string };
    let sigil: SigilError;
    if (err instanceof SigilError) sigil = err;
    else if (e.validation) sigil = new SigilError('SIGIL_E_BAD_REQUEST', e.message ?? 'invalid request');
    else if (e.statusCode === 413 || e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') sigil = new SigilError('SIGIL_E_PAYLOAD_TOO_LARGE', 'request body too large');
    else if (e.statusCode && e.statusCode < 500) sigil = new SigilError('SIGIL_E_BAD_REQUEST', e.message ?? 'bad request');
    else sigil = new SigilError('SIGIL_E_BUG', 'internal error');
    errors.inc({ code: sigil.code });
    void reply.status(sigil.httpStatus).send(errorBody(sigil));
  });
  app.setNotFoundHandler((_req, reply) => {
    void reply.status(404).send({ code: 'SIGIL_E_NOT_FOUND', message: 'no such route' });
  });

  app.post('/v1/keys', { schema: schemas.createKey }, async (req, reply) => {
    const body = req.body as { protocol: (typeof KEY_PROTOCOLS)[number]; t: number; n: number; label?: string };
    try {
      const key = await service.createKey(body);
      dkg.inc({ protocol: body.protocol, outcome: 'ok' });
      return reply.status(201).send(key);
    } catch (err) {
      dkg.inc({ protocol: body.protocol, outcome: 'error' });
      throw err;
    }
  });
  app.get('/v1/keys', async () => ({ keys: await service.listKeys() }));
  app.get('/v1/keys/:id', { schema: schemas.keyId }, async (req) => service.getKey((req.params as { id: string }).id));
  app.post('/v1/keys/:id/sign', { schema: schemas.sign }, async (req) => {
    const { id } = req.params as { id: string };
    const body = req.body as { message?: string; messageBase64?: string; mode?: 'presigned' | 'gg18' };
    const started = process.hrtime.bigint();
    try {
      const sig = await service.sign({ keyId: id, message: decodeMessage(body), ...(body.mode ? { mode: body.mode } : {}) });
      signatures.inc({ protocol: 'any', outcome: 'ok' });
      latency.observe({ protocol: 'any' }, Number(process.hrtime.bigint() - started) / 1e9);
      return sig;
    } catch (err) {
      signatures.inc({ protocol: 'any', outcome: 'error' });
      throw err;
    }
  });
  app.post('/v1/keys/:id/sign-batch', { schema: schemas.signBatch }, async (req) => {
    const { id } = req.params as { id: string };
    const body = req.body as { messages: string[]; mode?: 'presigned' | 'gg18' };
    const sigs = await service.signBatch(id, body.messages.map(fromHex), body.mode);
    signatures.inc({ protocol: 'any', outcome: 'ok' }, sigs.length);
    return { signatures: sigs };
  });
  app.get('/v1/sessions/:id', { schema: schemas.keyId }, async (req) => service.getSession((req.params as { id: string }).id));
  app.get('/v1/nodes', async () => ({ nodes: await service.listNodes() }));
  app.get('/healthz', async (_req, reply) => {
    const h = await service.health();
    return reply.status(h.ok ? 200 : 503).send(h);
  });
  app.get('/metrics', async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  app.get('/openapi.json', async () => openApiDocument());
  return app;
}
