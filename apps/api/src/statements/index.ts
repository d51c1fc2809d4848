export { portalStatementRoutes, vendorStatementRoutes } from './statement-routes.js';
export {
  loadStatement,
  type StatementAudience,
  type StatementDocument,
} from './statement-service.js';
