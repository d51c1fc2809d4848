import type { PortalFeature } from '@duly/core';
import type { Logger } from './logger.js';

/** The vendor and mode a secret key grants. */
export interface VendorAuth {
  vendorId: string;
  livemode: boolean;
  keyId: string;
  timeZone: string;
  allowedOrigins: string[];
}

/** The customer, vendor and mode a portal session grants. */
export interface PortalAuth {
  sessionId: string;
  vendorId: string;
  livemode: boolean;
  customerId: string;
  locale: string;
  timeZone: string;
  expiresAt: Date;
  /** The tabs and actions the vendor gave this session; every feature when it named none. */
  features: readonly PortalFeature[];
  /**
   * The one invoice a session made by a pay link may see and pay; null or absent for other
   * sessions.
   */
  invoiceId?: string | null;
}

/** Hono environment of the app: values middleware puts on the context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    vendor: VendorAuth;
    portal: PortalAuth;
  };
}

/** The vendor and mode that every query of a tenant's data is scoped to. */
export interface Tenant {
  vendorId: string;
  livemode: boolean;
}
