export { ApiKeyIssueError, issueApiKey } from './api-key-issue.js';
export { isKeyUsable, toApiKey } from './api-key-object.js';
export { findKeyBySecretHash } from './api-key-repository.js';
export { apiKeyRoutes } from './api-key-routes.js';
export { revokeApiKey, rollApiKey } from './api-key-service.js';
