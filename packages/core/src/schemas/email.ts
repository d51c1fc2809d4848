import { z } from 'zod';
import { idSchema, problemIssue, TimestampSchema } from './common.js';

export const EMAIL_KINDS = ['receipt', 'invoice', 'reminder', 'test'] as const;
export const EMAIL_STATUSES = ['queued', 'sending', 'sent', 'failed', 'skipped'] as const;

/** Maximum number of reminder days a vendor may set, and maximum distance of one from the due date. */
export const MAX_REMINDER_STEPS = 10;
export const MAX_REMINDER_DAY_OFFSET = 365;

/**
 * A vendor's email settings in one mode: the SMTP server Duly sends through, the sender, and
 * which kinds of email go to customers. The SMTP password is write-only, so `has_password`
 * shows whether one is stored.
 */
export const EmailSettingsSchema = z.object({
  object: z.literal('email_settings'),
  smtp_host: z.string().nullable(),
  smtp_port: z.number().int().nullable(),
  /** True: TLS from the first byte (usually port 465). False: STARTTLS when the server offers it. */
  smtp_secure: z.boolean(),
  smtp_username: z.string().nullable(),
  has_password: z.boolean(),
  from_address: z.string().nullable(),
  from_name: z.string().nullable(),
  reply_to: z.string().nullable(),
  /** A receipt to the customer after each succeeded payment. */
  send_receipts: z.boolean(),
  /** Each new open invoice, with a pay link. */
  send_invoices: z.boolean(),
  /** Reminders of open invoices on the days of `reminder_days`. */
  send_reminders: z.boolean(),
  /** Days relative to the due date, in the vendor's time zone: -3 is three days before it. */
  reminder_days: z.array(z.number().int()),
  livemode: z.boolean(),
  updated_at: TimestampSchema,
});
export type EmailSettings = z.infer<typeof EmailSettingsSchema>;

const EmailAddressSchema = z.email({
  error: 'is not an email address such as billing@example.com.',
});

const ReminderDaysSchema = z
  .array(z.number().int().min(-MAX_REMINDER_DAY_OFFSET).max(MAX_REMINDER_DAY_OFFSET))
  .max(MAX_REMINDER_STEPS)
  .superRefine((days, ctx) => {
    if (new Set(days).size !== days.length) {
      ctx.addIssue(
        problemIssue('validation_failed', 'lists a day twice; give each reminder day once.'),
      );
    }
  });

/**
 * Vendor `PATCH /v1/email_settings`: fields left out keep their value, `null` clears one.
 * Turning a kind on needs an SMTP host and a from address, set now or before.
 */
export const UpdateEmailSettingsRequestSchema = z.strictObject({
  smtp_host: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9.:[\]-]+$/, 'is not a host name or IP address, such as smtp.example.com.')
    .nullable()
    .optional(),
  smtp_port: z.number().int().min(1).max(65_535).nullable().optional(),
  smtp_secure: z.boolean().optional(),
  smtp_username: z.string().min(1).max(320).nullable().optional(),
  smtp_password: z.string().min(1).max(1000).nullable().optional(),
  from_address: EmailAddressSchema.nullable().optional(),
  from_name: z.string().trim().min(1).max(200).nullable().optional(),
  reply_to: EmailAddressSchema.nullable().optional(),
  send_receipts: z.boolean().optional(),
  send_invoices: z.boolean().optional(),
  send_reminders: z.boolean().optional(),
  reminder_days: ReminderDaysSchema.optional(),
});
export type UpdateEmailSettingsRequest = z.infer<typeof UpdateEmailSettingsRequestSchema>;

/** Vendor `POST /v1/email_settings/test`: sends a test message through the stored settings. */
export const SendTestEmailRequestSchema = z.strictObject({ to: EmailAddressSchema });
export type SendTestEmailRequest = z.infer<typeof SendTestEmailRequestSchema>;

/** One email Duly queued for a customer (or a vendor's test), with its delivery status. */
export const EmailMessageSchema = z.object({
  object: z.literal('email'),
  id: idSchema('eml'),
  kind: z.enum(EMAIL_KINDS),
  status: z.enum(EMAIL_STATUSES),
  to: z.string(),
  /** Set when the message is rendered, just before it is sent. */
  subject: z.string().nullable(),
  customer: idSchema('cus').nullable(),
  invoice: idSchema('inv').nullable(),
  payment: idSchema('pay').nullable(),
  /** A reminder's day relative to the due date; null for other kinds. */
  reminder_day: z.number().int().nullable(),
  attempts: z.number().int(),
  /** The SMTP server's Message-ID for a sent message. */
  provider_message_id: z.string().nullable(),
  /** Reason the last attempt failed or the message was skipped. */
  error: z.string().nullable(),
  livemode: z.boolean(),
  created_at: TimestampSchema,
  sent_at: TimestampSchema.nullable(),
});
export type EmailMessage = z.infer<typeof EmailMessageSchema>;
