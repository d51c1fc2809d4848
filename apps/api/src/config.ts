import path from 'node:path';
import { isPlainDate } from '@duly/core';
import { z } from 'zod';
import { findWorkspaceRoot } from './workspace.js';

const PortSchema = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65_535, 'must be between 1 and 65535');

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Port 0 lets the operating system pick a free port. */
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535 (0 picks a free port)')
    .max(65_535, 'must be between 0 and 65535 (0 picks a free port)')
    .default(4000),
  /** Address the API is reached at by browsers; defaults to http://HOST:PORT. */
  DULY_PUBLIC_URL: z.url({ error: 'must be an absolute URL' }).optional(),
  /** Folder for the embedded PostgreSQL and other local state. */
  DULY_DATA_DIR: z.string().min(1).optional(),
  DULY_EMBEDDED_PG_PORT: PortSchema.default(54329),
  /** Starts the clock at this instant (ISO 8601) or date (YYYY-MM-DD, at 12:00 UTC). */
  DULY_NOW: z
    .string()
    .refine((value) => parseClockStart(value) !== undefined, {
      message: 'must be an ISO 8601 instant such as 2013-11-30T12:00:00Z, or a date YYYY-MM-DD',
    })
    .optional(),
  DULY_SESSION_TTL_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(60, 'must be at least 60 seconds')
    .max(86_400, 'must be at most 86400 seconds (one day)')
    .default(3600),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** How long a sandbox bank debit stays pending before it settles or is returned. */
  DULY_SANDBOX_ACH_DELAY_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(0, 'must be 0 or more milliseconds')
    .default(5_000),
  /** Whether this process runs the background jobs (autopay, bank settlement); on by default. */
  DULY_JOBS: z.enum(['on', 'off']).default('on'),
  /** Milliseconds between two polls of the job queue by this process's runner. */
  DULY_JOBS_POLL_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(1, 'must be at least 1 millisecond')
    .default(1000),
  /** Waits between webhook attempts, in milliseconds, comma-separated; about 70 hours by default. */
  DULY_WEBHOOK_BACKOFF_MS: z
    .string()
    .regex(
      /^\d+(,\d+)*$/,
      'must be whole numbers of milliseconds separated by commas, such as 60000,300000',
    )
    .optional(),
  /** Maximum wait for a webhook receiver's response, in milliseconds. */
  DULY_WEBHOOK_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(1, 'must be at least 1 millisecond')
    .default(10_000),
  /** Stripe: all three keys together turn the `stripe` provider on. */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret key')
    .optional(),
  STRIPE_PUBLISHABLE_KEY: z
    .string()
    .regex(/^pk_(test|live)_\w+$/, 'must be a Stripe publishable key')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, 'must be a Stripe webhook signing secret')
    .optional(),
  /** Another address for Stripe's API, such as a local fake in tests. */
  STRIPE_API_URL: z.url({ error: 'must be an absolute URL' }).optional(),
  /** Plaid: client id and secret together turn bank linking through Plaid on. */
  PLAID_CLIENT_ID: z.string().min(1).optional(),
  PLAID_SECRET: z.string().min(1).optional(),
  PLAID_ENV: z.enum(['sandbox', 'production']).default('sandbox'),
  /** Another address for Plaid's API, such as a local fake in tests. */
  PLAID_API_URL: z.url({ error: 'must be an absolute URL' }).optional(),
});

export interface Config {
  databaseUrl: string | undefined;
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  embeddedPostgresPort: number;
  clockStart: Date | undefined;
  sessionTtlSeconds: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  sandboxAchDelayMs: number;
  jobs: boolean;
  jobsPollMs: number;
  /** Waits between webhook attempts; the default schedule when undefined. */
  webhookRetryScheduleMs: number[] | undefined;
  webhookTimeoutMs: number;
  stripe: StripeSettings | undefined;
  plaid: PlaidSettings | undefined;
}

export interface StripeSettings {
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
  /** Stripe's API address; Stripe's own when left out. */
  apiUrl: string | undefined;
}

export interface PlaidSettings {
  clientId: string;
  secret: string;
  environment: 'sandbox' | 'production';
  /** Plaid's API address; the environment's own when left out. */
  apiUrl: string | undefined;
}

/** Raised by `loadConfig`; its message lists every bad variable with what is expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment. Throws `ConfigError` naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  const root = findWorkspaceRoot();
  return {
    databaseUrl: values.DATABASE_URL,
    host: values.HOST,
    port: values.PORT,
    publicUrl: values.DULY_PUBLIC_URL ?? `http://${values.HOST}:${values.PORT}`,
    dataDir: path.resolve(root, values.DULY_DATA_DIR ?? '.duly'),
    embeddedPostgresPort: values.DULY_EMBEDDED_PG_PORT,
    clockStart: values.DULY_NOW === undefined ? undefined : parseClockStart(values.DULY_NOW),
    sessionTtlSeconds: values.DULY_SESSION_TTL_SECONDS,
    logLevel: values.LOG_LEVEL,
    sandboxAchDelayMs: values.DULY_SANDBOX_ACH_DELAY_MS,
    jobs: values.DULY_JOBS === 'on',
    jobsPollMs: values.DULY_JOBS_POLL_MS,
    webhookRetryScheduleMs: values.DULY_WEBHOOK_BACKOFF_MS?.split(',').map(Number),
    webhookTimeoutMs: values.DULY_WEBHOOK_TIMEOUT_MS,
    stripe: stripeSettings(values),
    plaid:
      values.PLAID_CLIENT_ID === undefined || values.PLAID_SECRET === undefined
        ? undefined
        : {
            clientId: values.PLAID_CLIENT_ID,
            secret: values.PLAID_SECRET,
            environment: values.PLAID_ENV,
            apiUrl: values.PLAID_API_URL,
          },
  };
}

function stripeSettings(values: z.infer<typeof EnvSchema>): StripeSettings | undefined {
  const { STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY, STRIPE_WEBHOOK_SECRET } = values;
  const given = [STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY, STRIPE_WEBHOOK_SECRET];
  if (given.every((value) => value === undefined)) return undefined;
  if (
    STRIPE_SECRET_KEY === undefined ||
    STRIPE_PUBLISHABLE_KEY === undefined ||
    STRIPE_WEBHOOK_SECRET === undefined
  ) {
    throw new ConfigError(
      'Invalid configuration in the environment:\n  Stripe needs all three of STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET.',
    );
  }
  return {
    secretKey: STRIPE_SECRET_KEY,
    publishableKey: STRIPE_PUBLISHABLE_KEY,
    webhookSecret: STRIPE_WEBHOOK_SECRET,
    apiUrl: values.STRIPE_API_URL,
  };
}

function parseClockStart(value: string): Date | undefined {
  const text = isPlainDate(value) ? `${value}T12:00:00Z` : value;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
