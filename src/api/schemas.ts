/**
 * JSON schemas of the API — one source for request validation and for the
 * OpenAPI 3.1 document at `/openapi.json`.
 */
import { KEY_PROTOCOLS } from '../coordinator/service.ts';

const hex = (maxBytes: number) => ({ type: 'string', pattern: `^([0-9a-fA-F]{2}){1,${maxBytes}}$` }) as const;
const id = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' } as const;
const mode = { type: 'string', enum: ['presigned', 'gg18'] } as const;

/** Route schemas. */
export const schemas = {
  createKey: {
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['protocol', 't', 'n'],
      properties: {
        protocol: { type: 'string', enum: [...KEY_PROTOCOLS] },
        t: { type: 'integer', minimum: 2, maximum: 255 },
        n: { type: 'integer', minimum: 2, maximum: 255 },
        label: { type: 'string', maxLength: 128 },
      },
    },
  },
  keyId: { params: { type: 'object', required: ['id'], properties: { id } } },
  sign: {
    params: { type: 'object', required: ['id'], properties: { id } },
    body: {
      type: 'object',
      additionalProperties: false,
      properties: { message: hex(65_536), messageBase64: { type: 'string', maxLength: 87_384 }, mode },
    },
  },
  signBatch: {
    params: { type: 'object', required: ['id'], properties: { id } },
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['messages'],
      properties: { messages: { type: 'array', minItems: 1, maxItems: 1000, items: hex(65_536) }, mode },
    },
  },
} as const;

const error = { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, culprits: { type: 'array', items: { type: 'integer' } } } };

function op(summary: string, extra: Record<string, unknown> = {}) {
  return { summary, responses: { '200': { description: 'OK' }, '4XX': { description: 'Error', content: { 'application/json': { schema: error } } } }, ...extra };
}

/** The OpenAPI 3.1 document. */
export function openApiDocument(): Record<string, unknown> {
  const json = (schema: unknown) => ({ required: true, content: { 'application/json': { schema } } });
  const idParam = [{ name: 'id', in: 'path', required: true, schema: id }];
  return {
    openapi: '3.1.0',
    info: { title: 'Sigil API', version: '0.1.0', description: 'Threshold signing: keys by DKG, signatures by any t of n nodes.' },
    paths: {
      '/v1/keys': {
        post: op('Create a key by distributed key generation', { requestBody: json(schemas.createKey.body) }),
        get: op('List keys'),
      },
      '/v1/keys/{id}': { get: op('Get a key', { parameters: idParam }) },
      '/v1/keys/{id}/sign': { post: op('Sign one message (ECDSA: a 32-byte hash)', { parameters: idParam, requestBody: json(schemas.sign.body) }) },
      '/v1/keys/{id}/sign-batch': { post: op('Sign up to 1000 messages', { parameters: idParam, requestBody: json(schemas.signBatch.body) }) },
      '/v1/sessions/{id}': { get: op('Get a session', { parameters: idParam }) },
      '/v1/nodes': { get: op('List nodes with health and pool levels') },
      '/healthz': { get: op('Health (503 when too few nodes are up)') },
      '/metrics': { get: op('Prometheus metrics') },
      '/openapi.json': { get: op('This document') },
    },
  };
}
