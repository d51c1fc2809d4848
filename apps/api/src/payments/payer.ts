import type { Tenant } from '../http/app-env.js';

/** Whose money moves: one customer of one vendor, in one mode. A portal session is one. */
export interface Payer extends Tenant {
  customerId: string;
}
