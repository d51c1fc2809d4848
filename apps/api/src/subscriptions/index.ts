export {
  SUBSCRIPTION_PAYMENT_RETRY,
  subscriptionPaymentJobs,
} from './subscription-payment-jobs.js';
export { SUBSCRIPTION_RENEWAL, subscriptionRenewalJobs } from './subscription-renewal-job.js';
export {
  portalSubscriptionRoutes,
  subscriptionRoutes,
  subscriptionSettingsRoutes,
} from './subscription-routes.js';
