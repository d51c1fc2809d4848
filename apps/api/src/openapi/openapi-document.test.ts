import { InvoiceSchema, PROBLEM_CODES, type ProblemCode, ProblemSchema } from '@duly/core';
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AUTH_EXTENSION,
  buildOpenApiDocument,
  type OpenApiOperation,
  PROBLEM_CODES_EXTENSION,
} from './openapi-document.js';
import type { OperationArea } from './operation.js';
import { API_AREAS } from './operations/index.js';

const document = buildOpenApiDocument(API_AREAS, {
  serverUrl: 'http://127.0.0.1:4620',
  version: '1',
});

function allOperations(): { method: string; path: string; operation: OpenApiOperation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method, path, operation })),
  );
}

/** Collects every `$ref` in `value`, at any depth. */
function referencesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === '$ref' && typeof inner === 'string' ? [inner] : referencesIn(inner),
  );
}

describe('OpenAPI document', () => {
  it('passes the OpenAPI 3.1 validator', async () => {
    // The validator dereferences in place, so it gets a copy.
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? '' : compileErrors(result)).toBe('');
  });

  it('validator rejects a broken copy', async () => {
    const broken = structuredClone(document) as Record<string, unknown>;
    const paths = broken.paths as Record<string, Record<string, OpenApiOperation>>;
    // OpenAPI 3 has no body parameters; bodies are `requestBody`.
    const parameter = paths['/v1/invoices/{id}']?.get?.parameters[0] as Record<string, unknown>;
    parameter.in = 'body';
    const result = await validate(broken as never);
    expect(result.valid).toBe(false);
  });

  it('declares OpenAPI 3.1 and one server', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: 'http://127.0.0.1:4620' }]);
  });

  it('resolves every schema reference', () => {
    const components = document.components.schemas;
    const dangling = referencesIn(document).filter(
      (reference) => components[reference.replace('#/components/schemas/', '')] === undefined,
    );
    expect(dangling).toEqual([]);
  });

  it('converts core schemas into components', () => {
    const invoice = document.components.schemas.Invoice as {
      properties: Record<string, { type?: unknown; enum?: unknown }>;
      required: string[];
    };
    expect(Object.keys(invoice.properties).sort()).toEqual(Object.keys(InvoiceSchema.shape).sort());
    expect(invoice.properties.status?.enum).toEqual([
      'draft',
      'open',
      'paid',
      'void',
      'uncollectible',
    ]);
    expect(invoice.properties.amount_due?.type).toBe('integer');
    const problem = document.components.schemas.Problem as { required: string[] };
    const required = Object.entries(ProblemSchema.shape)
      .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
      .map(([name]) => name);
    expect(problem.required.sort()).toEqual(required.sort());
  });

  it('reads requests as input and responses as output', () => {
    const listInvoices = document.paths['/v1/invoices']?.get;
    const limit = listInvoices?.parameters.find((parameter) => parameter.name === 'limit');
    expect(limit).toMatchObject({ in: 'query', required: false, schema: { default: 25 } });
    const createCustomer = document.components.schemas.CreateCustomerRequest as {
      additionalProperties?: unknown;
    };
    expect(createCustomer.additionalProperties).toBe(false);
    const customer = document.components.schemas.Customer as { additionalProperties?: unknown };
    expect(customer.additionalProperties).toBeUndefined();
  });

  it('gives every operation a unique id', () => {
    const ids = allOperations().map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares every path parameter', () => {
    for (const { path, operation } of allOperations()) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const declared = operation.parameters
        .filter((parameter) => parameter.in === 'path')
        .map((parameter) => parameter.name);
      expect(declared, `${path}`).toEqual(templated);
    }
  });

  it('secures each operation by its credential', () => {
    const security = {
      secret_key: [{ secretKey: [] }],
      portal_session: [{ portalSession: [] }],
      pay_link_token: [],
      none: [],
    } as const;
    for (const { path, operation } of allOperations()) {
      const auth = operation[AUTH_EXTENSION] as keyof typeof security;
      expect(operation.security, path).toEqual(security[auth]);
      expect(path.startsWith('/v1/portal/'), path).toBe(auth === 'portal_session');
    }
  });

  it('files problem codes under their status', () => {
    for (const { path, operation } of allOperations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const codes = response[PROBLEM_CODES_EXTENSION] as ProblemCode[] | undefined;
        if (codes === undefined) {
          expect(Number(status), path).toBeLessThan(300);
          continue;
        }
        for (const code of codes)
          expect(PROBLEM_CODES[code].status, `${path} ${code}`).toBe(Number(status));
      }
    }
  });

  it('adds the problems of credentials and bodies', () => {
    const createInvoice = document.paths['/v1/invoices']?.post;
    expect(createInvoice?.responses['401']?.[PROBLEM_CODES_EXTENSION]).toEqual([
      'api_key_invalid',
      'authentication_required',
    ]);
    expect(createInvoice?.responses['400']?.[PROBLEM_CODES_EXTENSION]).toContain('malformed_json');
    const payPortal = document.paths['/v1/portal/payments']?.post;
    expect(payPortal?.responses['403']?.[PROBLEM_CODES_EXTENSION]).toEqual([
      'feature_disabled',
      'origin_not_allowed',
      'session_limited_to_invoice',
    ]);
    const listPortalInvoices = document.paths['/v1/portal/invoices']?.get;
    expect(listPortalInvoices?.responses['403']?.[PROBLEM_CODES_EXTENSION]).toEqual([
      'origin_not_allowed',
    ]);
    expect(payPortal?.responses['429']?.[PROBLEM_CODES_EXTENSION]).toEqual(['rate_limited']);
    const key = payPortal?.parameters.find((parameter) => parameter.name === 'Idempotency-Key');
    expect(key).toMatchObject({ in: 'header', required: true });
  });

  it('rejects an operation registered twice', () => {
    const twice: OperationArea = {
      tags: [],
      operations: [API_AREAS[0]?.operations[0], API_AREAS[0]?.operations[0]].filter(
        (operation) => operation !== undefined,
      ),
    };
    expect(() => buildOpenApiDocument([twice], { serverUrl: 'http://x', version: '1' })).toThrow(
      /registered twice/,
    );
  });

  it('rejects two schemas under one name', () => {
    const clash: OperationArea = {
      tags: [],
      operations: [
        {
          method: 'post',
          path: '/v1/one',
          operationId: 'one',
          summary: 'One',
          tag: 'Clash',
          auth: 'secret_key',
          body: { name: 'Clash', schema: z.object({ a: z.string() }) },
          response: { status: 200, description: 'One.', body: { schema: InvoiceSchema } },
          problems: [],
        },
        {
          method: 'post',
          path: '/v1/two',
          operationId: 'two',
          summary: 'Two',
          tag: 'Clash',
          auth: 'secret_key',
          body: { name: 'Clash', schema: z.object({ b: z.number() }) },
          response: { status: 200, description: 'Two.', body: { schema: InvoiceSchema } },
          problems: [],
        },
      ],
    };
    expect(() => buildOpenApiDocument([clash], { serverUrl: 'http://x', version: '1' })).toThrow(
      /Two different schemas are named "Clash"/,
    );
  });
});
