import { type UpdateAutopayRequest, UpdateAutopayRequestSchema } from '@duly/core';
import { Hono } from 'hono';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import { clientAddress } from '../http/client-address.js';
import { readJson } from '../http/json-body.js';
import { parseInput } from '../http/validation.js';
import { disableAutopay, enableAutopay, readAutopay } from './autopay-service.js';

const [TurnOnSchema, TurnOffSchema] = UpdateAutopayRequestSchema.options;

/** `GET` and `PUT /autopay` of the portal API. */
export function autopayRoutes(db: Db, clock: Clock) {
  return new Hono<AppEnv>()
    .get('/autopay', async (c) => c.json(await readAutopay(db, c.get('portal'))))
    .put('/autopay', async (c) => {
      const request = parseAutopayRequest(await readJson(c));
      const portal = c.get('portal');
      if (!request.enabled) return c.json(await disableAutopay(db, clock, portal));
      const autopay = await enableAutopay(db, clock, portal, {
        paymentMethodId: request.payment_method,
        ipAddress: clientAddress(c),
        userAgent: c.req.header('User-Agent') ?? '',
      });
      return c.json(autopay);
    });
}

/**
 * Parses the body against the shape that its `enabled` picks, so that each error names the
 * field at fault: a missing method is `autopay_method_required`, a mandate not accepted is
 * `mandate_required`.
 */
function parseAutopayRequest(body: unknown): UpdateAutopayRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return parseInput(UpdateAutopayRequestSchema, body);
  }
  const fields = body as Record<string, unknown>;
  if (fields.enabled === false) return parseInput(TurnOffSchema, body);
  if (fields.enabled !== true) {
    throw new ApiError(
      'validation_failed',
      'enabled must be true, to turn autopay on, or false, to turn it off.',
      { param: 'enabled' },
    );
  }
  if (fields.payment_method === undefined) {
    throw new ApiError(
      'autopay_method_required',
      "Autopay needs a payment method: send payment_method with the id of one of the customer's saved cards or bank accounts.",
      { param: 'payment_method' },
    );
  }
  const mandate = fields.mandate as Record<string, unknown> | undefined;
  if (typeof mandate !== 'object' || mandate === null || mandate.accepted !== true) {
    throw new ApiError(
      'mandate_required',
      "Autopay needs the customer's authorization: show the autopay mandate text and send mandate: { accepted: true } once the customer accepts it.",
      { param: 'mandate' },
    );
  }
  return parseInput(TurnOnSchema, body);
}
