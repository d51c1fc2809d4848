import { ApplyPaymentRequestSchema, RecordPaymentRequestSchema } from '@duly/core';
import { Hono } from 'hono';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { AppEnv } from '../http/app-env.js';
import { readJson } from '../http/json-body.js';
import { parseInput } from '../http/validation.js';
import { readIdempotencyKey } from '../idempotency/index.js';
import { runLedgerRequest } from './ledger-request.js';
import { recordOfflinePayment } from './offline-payment.js';
import { applyUnappliedPayment } from './unapplied-payment.js';

/**
 * Builds the vendor API's routes for money received outside the portal: `POST /` records
 * it (an `Idempotency-Key` is required) and `POST /:id/applications` applies what a payment
 * left unapplied (a key is honoured when sent).
 */
export function offlinePaymentRoutes(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      // A missing key is reported before the body, as on every route that requires one.
      readIdempotencyKey(c);
      const body = await readJson(c);
      const request = parseInput(RecordPaymentRequestSchema, body);
      return runLedgerRequest(c, deps, {
        body,
        keyRequired: true,
        status: 201,
        change: () => recordOfflinePayment(db, clock, c.get('vendor'), request),
      });
    })
    .post('/:id/applications', async (c) => {
      const body = await readJson(c);
      const request = parseInput(ApplyPaymentRequestSchema, body);
      return runLedgerRequest(c, deps, {
        body,
        keyRequired: false,
        status: 200,
        change: () => applyUnappliedPayment(db, clock, c.get('vendor'), c.req.param('id'), request),
      });
    });
}
