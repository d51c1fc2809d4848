import type { ProblemCode } from '@duly/core';
import type { z } from 'zod';

/**
 * The credential an operation takes: a vendor's secret key, a customer's portal session,
 * a pay-link token sent in the body, or none.
 */
export type OperationAuth = 'secret_key' | 'portal_session' | 'pay_link_token' | 'none';

export type OperationMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * A schema with the name it takes in `components/schemas`. Schemas exported by
 * `@duly/core` are named after their export without `Schema`, so only a schema defined
 * elsewhere needs one.
 */
export interface NamedSchema {
  name: string;
  schema: z.ZodType;
}

export type SchemaReference = z.ZodType | NamedSchema;

/** The body of a successful response: one object, a page of a list, or a file. */
export type SuccessBody =
  | { schema: SchemaReference }
  | { list: SchemaReference }
  | { file: 'application/pdf' | 'text/csv' };

export interface SuccessResponse {
  status: 200 | 201;
  description: string;
  body: SuccessBody;
}

/**
 * One route of the vendor or portal API as the OpenAPI document describes it. Problem
 * codes that follow from the operation's kind (credentials, a JSON body, an
 * `Idempotency-Key`, a portal feature) are added when the document is built, so `problems`
 * lists only the codes of the operation's own work.
 */
export interface ApiOperation {
  method: OperationMethod;
  /** The OpenAPI path template, such as `/v1/invoices/{id}`. */
  path: string;
  /** Unique, stable camelCase name, such as `createInvoice`. */
  operationId: string;
  summary: string;
  /** Markdown-free prose: the rules a caller needs beyond the schemas. */
  description?: string;
  /** The group of the reference page, such as `Invoices` or `Portal: payments`. */
  tag: string;
  auth: OperationAuth;
  /** Descriptions of the path parameters by name; each `{name}` of `path` needs one. */
  pathParams?: Record<string, string>;
  /** The query string's schema, an object whose keys become query parameters. */
  query?: z.ZodObject;
  body?: SchemaReference;
  /** Whether the body may be left out (every field optional); false when left out. */
  bodyOptional?: boolean;
  /** Whether `Idempotency-Key` is required, or honoured when sent. */
  idempotencyKey?: 'required' | 'optional';
  /** Whether the per-session and per-address payment rate limit applies. */
  rateLimited?: boolean;
  response: SuccessResponse;
  problems: readonly ProblemCode[];
}

/** A group of the reference page, with what its operations are for. */
export interface OperationTag {
  name: string;
  description: string;
}

/**
 * The operations of one area of the API, such as invoices, with the tags they use. Each
 * area lives in its own file under `operations/` and is listed once in `operations/index.ts`.
 */
export interface OperationArea {
  tags: readonly OperationTag[];
  operations: readonly ApiOperation[];
}
