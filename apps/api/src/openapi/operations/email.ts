import {
  EmailMessageSchema,
  EmailSettingsSchema,
  SendTestEmailRequestSchema,
  UpdateEmailSettingsRequestSchema,
} from '@duly/core';
import { EmailListQuerySchema } from '../../email/email-routes.js';
import type { OperationArea } from '../operation.js';

/** The vendor's SMTP settings and the emails Duly sends to its customers. */
export const emailArea: OperationArea = {
  tags: [
    {
      name: 'Email',
      description:
        'Receipts, invoices with a pay link, and payment reminders sent through the vendor’s own SMTP server, with the settings that turn each kind on.',
    },
  ],
  operations: [
    {
      method: 'get',
      path: '/v1/email_settings',
      operationId: 'retrieveEmailSettings',
      summary: 'Retrieve the email settings',
      description: 'The SMTP password is never returned; `has_password` tells whether one is set.',
      tag: 'Email',
      auth: 'secret_key',
      response: {
        status: 200,
        description: 'The settings of the key’s mode.',
        body: { schema: EmailSettingsSchema },
      },
      problems: [],
    },
    {
      method: 'patch',
      path: '/v1/email_settings',
      operationId: 'updateEmailSettings',
      summary: 'Update the email settings',
      description:
        'Changes only the fields sent, and `null` clears one. Turning a kind on needs the SMTP host and the from address. In live mode, local and private SMTP hosts are rejected.',
      tag: 'Email',
      auth: 'secret_key',
      body: UpdateEmailSettingsRequestSchema,
      response: {
        status: 200,
        description: 'The updated settings.',
        body: { schema: EmailSettingsSchema },
      },
      problems: ['email_settings_incomplete'],
    },
    {
      method: 'post',
      path: '/v1/email_settings/test',
      operationId: 'sendTestEmail',
      summary: 'Send a test email',
      description:
        'Sends a message to `to` through the stored settings and waits for the SMTP server.',
      tag: 'Email',
      auth: 'secret_key',
      body: SendTestEmailRequestSchema,
      response: {
        status: 200,
        description: 'The sent message.',
        body: { schema: EmailMessageSchema },
      },
      problems: ['email_settings_incomplete', 'email_delivery_failed'],
    },
    {
      method: 'get',
      path: '/v1/emails',
      operationId: 'listEmails',
      summary: 'List emails',
      description: 'Every message Duly queued, with its delivery status.',
      tag: 'Email',
      auth: 'secret_key',
      query: EmailListQuerySchema,
      response: {
        status: 200,
        description: 'One page of emails.',
        body: { list: EmailMessageSchema },
      },
      problems: [],
    },
  ],
};
