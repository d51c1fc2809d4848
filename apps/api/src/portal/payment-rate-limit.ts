import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../clock.js';
import type { AppEnv } from '../http/app-env.js';
import { clientAddress } from '../http/client-address.js';
import { enforceRateLimits, FixedWindowLimiter, type RateLimit } from '../http/rate-limit.js';

/** Limits of the routes that create payment methods and payments. */
export interface PaymentRateLimits {
  perSession: RateLimit;
  perAddress: RateLimit;
}

/**
 * Defaults sized for people paying by hand; a script testing stolen cards needs far more.
 * NOTE: the counts live in each API process's memory, so with several processes the
 * effective limit is that many times higher.
 */
export const DEFAULT_PAYMENT_RATE_LIMITS: PaymentRateLimits = {
  perSession: { limit: 30, windowMs: 60_000 },
  perAddress: { limit: 120, windowMs: 60_000 },
};

/**
 * Counts each POST that creates a payment method or a payment against the session's and
 * the client address's limits, whichever provider's route it goes to.
 */
export function limitPaymentRate(
  clock: Clock,
  limits: PaymentRateLimits,
): MiddlewareHandler<AppEnv> {
  const sessionLimiter = new FixedWindowLimiter(limits.perSession);
  const addressLimiter = new FixedWindowLimiter(limits.perAddress);
  return async (c, next) => {
    if (c.req.method === 'POST') {
      enforceRateLimits(
        [
          { limiter: sessionLimiter, key: c.get('portal').sessionId },
          { limiter: addressLimiter, key: clientAddress(c) },
        ],
        clock.now().getTime(),
      );
    }
    await next();
  };
}
