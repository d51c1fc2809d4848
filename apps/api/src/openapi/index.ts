export { buildOpenApiDocument, type OpenApiDocument } from './openapi-document.js';
export { openApiRoutes } from './openapi-routes.js';
export type { ApiOperation, OperationArea, OperationAuth } from './operation.js';
export { API_AREAS } from './operations/index.js';
