export { portalCreditRoutes, vendorCreditRequestRoutes } from './credit-routes.js';
