import { ApplyCreditNoteRequestSchema, CreateCreditNoteRequestSchema, idSchema } from '@duly/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { AppEnv } from '../http/app-env.js';
import { readJson } from '../http/json-body.js';
import { PAGE_QUERY_SHAPE, PageQuerySchema } from '../http/pagination.js';
import { parseInput } from '../http/validation.js';
import { runLedgerRequest } from '../payments/ledger-request.js';
import { applyCreditNote } from './credit-note-applications.js';
import {
  createCreditNote,
  listCreditNotePage,
  retrieveCreditNote,
  voidCreditNote,
} from './credit-note-service.js';

export const ListCreditNotesQuerySchema = z.strictObject({
  customer: idSchema('cus').optional(),
  ...PAGE_QUERY_SHAPE,
});

/**
 * Builds the vendor API's credit note routes, which need a secret key. Creating and
 * applying honour an `Idempotency-Key` when one is sent.
 */
export function creditNoteRoutes(db: Db, clock: Clock) {
  const deps = { db, clock };
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      const body = await readJson(c);
      const request = parseInput(CreateCreditNoteRequestSchema, body);
      return runLedgerRequest(c, deps, {
        body,
        keyRequired: false,
        status: 201,
        change: () => createCreditNote(db, clock, c.get('vendor'), request),
      });
    })
    .get('/', async (c) => {
      const query = parseInput(ListCreditNotesQuerySchema, c.req.query());
      const page = await listCreditNotePage(db, c.get('vendor'), {
        customerId: query.customer,
        limit: query.limit,
        cursor: query.cursor,
      });
      return c.json(page);
    })
    .get('/:id', async (c) =>
      c.json(await retrieveCreditNote(db, c.get('vendor'), c.req.param('id'))),
    )
    .post('/:id/applications', async (c) => {
      const body = await readJson(c);
      const request = parseInput(ApplyCreditNoteRequestSchema, body);
      return runLedgerRequest(c, deps, {
        body,
        keyRequired: false,
        status: 200,
        change: () => applyCreditNote(db, clock, c.get('vendor'), c.req.param('id'), request),
      });
    })
    .post('/:id/void', async (c) =>
      c.json(await voidCreditNote(db, clock, c.get('vendor'), c.req.param('id'))),
    );
}

/** Builds the portal's `GET /credit_notes`: the session customer's credit notes, newest first. */
export function portalCreditNoteRoutes(db: Db) {
  return new Hono<AppEnv>().get('/credit_notes', async (c) => {
    const portal = c.get('portal');
    const query = parseInput(PageQuerySchema, c.req.query());
    const page = await listCreditNotePage(db, portal, {
      customerId: portal.customerId,
      limit: query.limit,
      cursor: query.cursor,
    });
    return c.json(page);
  });
}
