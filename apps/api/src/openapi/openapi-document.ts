import { type PortalFeature, PROBLEM_CODES, type ProblemCode, ProblemSchema } from '@duly/core';
import { PROBLEM_CONTENT_TYPE } from '../http/problem-response.js';
import { FEATURE_ROUTES } from '../portal/portal-features.js';
import type { ApiOperation, OperationArea, OperationAuth, SuccessBody } from './operation.js';
import { problemsOf } from './operation-problems.js';
import { type JsonSchema, SchemaCatalog } from './schema-catalog.js';

/** The OpenAPI 3.1 document as plain JSON data. */
export type OpenApiDocument = Record<string, unknown> & {
  openapi: '3.1.0';
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> } & Record<string, unknown>;
};

/** One operation object of the document, with the fields this module writes. */
export type OpenApiOperation = Record<string, unknown> & {
  operationId: string;
  summary: string;
  tags: string[];
  parameters: Record<string, unknown>[];
  responses: Record<string, Record<string, unknown>>;
};

export interface DocumentOptions {
  /** The API's public address, written as the document's only server. */
  serverUrl: string;
  /** The version of the API the document describes, such as `1`. */
  version: string;
}

/** Extension naming the problem codes an error response carries, by status. */
export const PROBLEM_CODES_EXTENSION = 'x-problem-codes';
/** Extension naming the operation's credential, including the ones with no security scheme. */
export const AUTH_EXTENSION = 'x-duly-auth';
/** Extension naming the portal feature that must be on for the operation. */
export const FEATURE_EXTENSION = 'x-duly-portal-feature';

const PORTAL_PREFIX = '/v1/portal';

const SECURITY: Record<OperationAuth, Record<string, string[]>[]> = {
  secret_key: [{ secretKey: [] }],
  portal_session: [{ portalSession: [] }],
  pay_link_token: [],
  none: [],
};

const DESCRIPTION = [
  'The vendor API (a secret key) and the portal API (a portal session) of Duly, an embeddable',
  'self-service portal for accounts receivable. Amounts are integers in the minor unit of',
  'their ISO 4217 currency; dates without a time are YYYY-MM-DD. Every error is an',
  'application/problem+json document with a stable `code`. Requests that move money take an',
  '`Idempotency-Key` header.',
].join(' ');

/**
 * Builds the OpenAPI 3.1 document of `areas`: their operations, with the request and
 * response schemas converted from zod into `components/schemas`.
 */
export function buildOpenApiDocument(
  areas: readonly OperationArea[],
  options: DocumentOptions,
): OpenApiDocument {
  const catalog = new SchemaCatalog();
  const problemReference = catalog.refer(ProblemSchema, 'output');
  const paths: Record<string, Record<string, OpenApiOperation>> = {};

  for (const operation of areas.flatMap((area) => area.operations)) {
    const item = paths[operation.path] ?? {};
    if (item[operation.method] !== undefined) {
      throw new Error(
        `${operation.method.toUpperCase()} ${operation.path} is registered twice in the OpenAPI operations.`,
      );
    }
    item[operation.method] = toOpenApiOperation(operation, catalog, problemReference);
    paths[operation.path] = item;
  }

  return {
    openapi: '3.1.0',
    info: { title: 'Duly API', version: options.version, description: DESCRIPTION },
    servers: [{ url: options.serverUrl }],
    tags: areas.flatMap((area) => area.tags),
    paths: sortPaths(paths),
    components: {
      schemas: catalog.components(),
      securitySchemes: {
        secretKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'sk_test_… or sk_live_…',
          description:
            'A vendor secret key. It sees one vendor in one mode: sk_test_ keys test data, sk_live_ keys live data. Keep it on the vendor backend.',
        },
        portalSession: {
          type: 'http',
          scheme: 'bearer',
          description:
            "A portal session token made with POST /v1/portal_sessions. It lets one customer of one vendor act for an hour by default, from the vendor's allowed origins only.",
        },
      },
    },
  };
}

function toOpenApiOperation(
  operation: ApiOperation,
  catalog: SchemaCatalog,
  problemReference: JsonSchema,
): OpenApiOperation {
  const feature = featureOf(operation);
  const result: OpenApiOperation = {
    operationId: operation.operationId,
    summary: operation.summary,
    tags: [operation.tag],
    parameters: [...pathParameters(operation), ...queryParameters(operation, catalog)],
    responses: {
      [String(operation.response.status)]: {
        description: operation.response.description,
        content: successContent(operation.response.body, catalog),
      },
      ...problemResponses(operation, feature, problemReference),
    },
    security: SECURITY[operation.auth],
    [AUTH_EXTENSION]: operation.auth,
  };
  if (operation.description !== undefined) result.description = operation.description;
  if (feature !== undefined) result[FEATURE_EXTENSION] = feature;
  if (operation.idempotencyKey !== undefined) {
    result.parameters.push(idempotencyKeyParameter(operation.idempotencyKey));
  }
  if (operation.body !== undefined) {
    result.requestBody = {
      required: operation.bodyOptional !== true,
      content: { 'application/json': { schema: catalog.refer(operation.body, 'input') } },
    };
  }
  return result;
}

/** Finds the portal feature that guards `operation`, from the portal's own route table. */
export function featureOf(operation: ApiOperation): PortalFeature | undefined {
  if (!operation.path.startsWith(`${PORTAL_PREFIX}/`)) return undefined;
  const honoPath = operation.path.slice(PORTAL_PREFIX.length).replace(/\{(\w+)\}/g, ':$1');
  const route = FEATURE_ROUTES.find(
    (candidate) =>
      candidate.path === honoPath && candidate.method === operation.method.toUpperCase(),
  );
  return route?.feature;
}

function pathParameters(operation: ApiOperation): Record<string, unknown>[] {
  const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
  return names.map((name) => {
    const description = operation.pathParams?.[name];
    if (description === undefined) {
      throw new Error(
        `${operation.operationId}: describe the path parameter "${name}" in pathParams.`,
      );
    }
    return { name, in: 'path', required: true, description, schema: { type: 'string' } };
  });
}

/** Descriptions of the paging parameters that every list shares. */
const PAGE_PARAMETERS: Record<string, string> = {
  limit: 'Maximum number of items on one page, 1 to 100.',
  cursor: "The previous page's `next_cursor`, unchanged; left out for the first page.",
};

function queryParameters(operation: ApiOperation, catalog: SchemaCatalog) {
  if (operation.query === undefined) return [];
  const schema = catalog.inline(operation.query, 'input');
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    const parameter: Record<string, unknown> = {
      name,
      in: 'query',
      required: required.has(name),
      schema: rest,
    };
    const text = typeof description === 'string' ? description : PAGE_PARAMETERS[name];
    if (text !== undefined) parameter.description = text;
    return parameter;
  });
}

function idempotencyKeyParameter(need: 'required' | 'optional'): Record<string, unknown> {
  return {
    name: 'Idempotency-Key',
    in: 'header',
    required: need === 'required',
    description:
      need === 'required'
        ? 'Required. A unique key per intended request, such as a UUID, kept 24 hours: a retry with the same key and body returns the first result.'
        : 'Honoured when sent: a retry with the same key and body within 24 hours returns the first result.',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  };
}

function successContent(body: SuccessBody, catalog: SchemaCatalog): Record<string, unknown> {
  if ('file' in body) {
    return { [body.file]: { schema: { type: 'string', contentMediaType: body.file } } };
  }
  const schema =
    'list' in body
      ? catalog.referToList(body.list, 'output')
      : catalog.refer(body.schema, 'output');
  return { 'application/json': { schema } };
}

function problemResponses(
  operation: ApiOperation,
  feature: PortalFeature | undefined,
  problemReference: JsonSchema,
): Record<string, Record<string, unknown>> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of problemsOf(operation, feature)) {
    const status = PROBLEM_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, Record<string, unknown>> = {};
  for (const [status, codes] of byStatus) {
    responses[String(status)] = {
      description: codes.map((code) => `${code}: ${PROBLEM_CODES[code].title}`).join('; '),
      [PROBLEM_CODES_EXTENSION]: codes,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: problemReference } },
    };
  }
  return responses;
}

function sortPaths<T>(paths: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b, 'en')));
}
