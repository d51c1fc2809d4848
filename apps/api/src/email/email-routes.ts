import {
  EMAIL_KINDS,
  EMAIL_STATUSES,
  idSchema,
  SendTestEmailRequestSchema,
  UpdateEmailSettingsRequestSchema,
} from '@duly/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { AppEnv } from '../http/app-env.js';
import { readJson } from '../http/json-body.js';
import { PAGE_QUERY_SHAPE } from '../http/pagination.js';
import { parseInput } from '../http/validation.js';
import { listEmailPage } from './email-list.js';
import { retrieveEmailSettings, updateEmailSettings } from './email-settings-service.js';
import { sendTestEmail } from './test-email.js';

export const EmailListQuerySchema = z.strictObject({
  invoice: idSchema('inv').optional(),
  customer: idSchema('cus').optional(),
  kind: z.enum(EMAIL_KINDS).optional(),
  status: z.enum(EMAIL_STATUSES).optional(),
  ...PAGE_QUERY_SHAPE,
});

/** Builds the vendor API's email settings routes (`/v1/email_settings`), which need a secret key. */
export function emailSettingsRoutes(db: Db, clock: Clock, smtpTimeoutMs?: number) {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(await retrieveEmailSettings(db, clock, c.get('vendor'))))
    .patch('/', async (c) => {
      const request = parseInput(UpdateEmailSettingsRequestSchema, await readJson(c));
      return c.json(await updateEmailSettings(db, clock, c.get('vendor'), request));
    })
    .post('/test', async (c) => {
      const request = parseInput(SendTestEmailRequestSchema, await readJson(c));
      return c.json(await sendTestEmail(db, clock, c.get('vendor'), request.to, smtpTimeoutMs));
    });
}

/** Builds the vendor API's list of email messages (`/v1/emails`), which needs a secret key. */
export function emailListRoutes(db: Db) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const query = parseInput(EmailListQuerySchema, c.req.query());
    return c.json(
      await listEmailPage(db, c.get('vendor'), {
        invoiceId: query.invoice,
        customerId: query.customer,
        kind: query.kind,
        status: query.status,
        limit: query.limit,
        cursor: query.cursor,
      }),
    );
  });
}
