export { autopayChargeJobs } from './autopay-charge-job.js';
export { autopayRoutes } from './autopay-routes.js';
export { readAutopay } from './autopay-service.js';
