export { portalThreadRoutes, vendorThreadRoutes } from './thread-routes.js';
