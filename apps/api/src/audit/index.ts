export { currentAuditedRequestId, runInAuditedRequest } from './audit-context.js';
export { recordVendorCalls } from './audit-middleware.js';
export { auditLogRoutes, toAuditEntry } from './audit-routes.js';
export { REDACTED, redactSecrets } from './redaction.js';
