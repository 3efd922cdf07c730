/** The API room: the HTTP API over the coordinator's SigningService. */
export { createApi } from './server.ts';
export type { ApiOptions } from './server.ts';
export { openApiDocument } from './schemas.ts';
export { startCoordinatorGrpc, coordinatorHandlers } from './grpc.ts';
