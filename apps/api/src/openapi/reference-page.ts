import { PROBLEM_CODES, type ProblemCode } from '@duly/core';
import {
  AUTH_EXTENSION,
  FEATURE_EXTENSION,
  type OpenApiDocument,
  type OpenApiOperation,
  PROBLEM_CODES_EXTENSION,
} from './openapi-document.js';
import type { OperationAuth } from './operation.js';
import type { JsonSchema } from './schema-catalog.js';
import { escapeHtml, renderSchema, schemaAnchor, typeLabel } from './schema-html.js';

/** Path of the page's stylesheet, the only resource the page loads. */
export const REFERENCE_STYLESHEET_PATH = '/docs/api.css';

const AUTH_LABELS: Record<OperationAuth, string> = {
  secret_key: 'Secret key',
  portal_session: 'Portal session',
  pay_link_token: 'Pay-link token in the body',
  none: 'None',
};

interface PlacedOperation {
  method: string;
  path: string;
  operation: OpenApiOperation;
}

/**
 * Renders the API reference page from the OpenAPI document: operations grouped by tag with
 * their credential, parameters, request and response schemas and problem codes, then the
 * problem codes and the schemas. Plain HTML and one stylesheet; no script.
 */
export function renderReferencePage(document: OpenApiDocument): string {
  const byTag = operationsByTag(document);
  const tags = (document.tags ?? []) as { name: string; description: string }[];
  const info = document.info as { title: string; version: string; description: string };

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)} reference</title>
<link rel="stylesheet" href="${REFERENCE_STYLESHEET_PATH}">
</head>
<body>
<nav class="toc" aria-label="Contents">
<p class="toc-title"><a href="#top">${escapeHtml(info.title)}</a></p>
<ul>
<li><a href="#authentication">Authentication</a></li>
<li><a href="#errors">Errors</a></li>
${tags
  .filter((tag) => byTag.has(tag.name))
  .map(
    (tag) =>
      `<li><a href="#${tagAnchor(tag.name)}">${escapeHtml(tag.name)}</a><ul>${(
        byTag.get(tag.name) ?? []
      )
        .map(
          ({ operation }) =>
            `<li><a href="#${escapeHtml(operation.operationId)}">${escapeHtml(operation.summary)}</a></li>`,
        )
        .join('')}</ul></li>`,
  )
  .join('\n')}
<li><a href="#schemas">Schemas</a></li>
</ul>
</nav>
<main id="top">
<header>
<h1>${escapeHtml(info.title)} reference</h1>
<p class="version">Version ${escapeHtml(info.version)} · <a href="/openapi.json">OpenAPI 3.1 document</a></p>
<p>${inlineCode(info.description)}</p>
</header>
${renderAuthentication(document)}
${renderErrors(document)}
${tags
  .filter((tag) => byTag.has(tag.name))
  .map((tag) => renderTag(document, tag, byTag.get(tag.name) ?? []))
  .join('\n')}
${renderSchemas(document)}
</main>
</body>
</html>
`;
}

function operationsByTag(document: OpenApiDocument): Map<string, PlacedOperation[]> {
  const byTag = new Map<string, PlacedOperation[]>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const tag = operation.tags[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, operation }]);
    }
  }
  return byTag;
}

function renderAuthentication(document: OpenApiDocument): string {
  const schemes = (document.components.securitySchemes ?? {}) as Record<
    string,
    { description: string; bearerFormat?: string }
  >;
  const rows = Object.entries(schemes).map(
    ([name, scheme]) =>
      `<tr><td><code>${escapeHtml(name)}</code></td><td>Authorization: Bearer ${escapeHtml(scheme.bearerFormat ?? '<token>')}</td><td>${escapeHtml(scheme.description)}</td></tr>`,
  );
  return `<section id="authentication">
<h2>Authentication</h2>
<p>Every request carries its credential as a bearer token. The vendor API takes a secret key; the portal API takes a portal session, from the vendor's allowed origins only. No cookies are used.</p>
<table><thead><tr><th scope="col">Scheme</th><th scope="col">Header</th><th scope="col">What it grants</th></tr></thead><tbody>${rows.join('')}</tbody></table>
</section>`;
}

function renderErrors(document: OpenApiDocument): string {
  const problem = document.components.schemas.Problem;
  const rows = (Object.keys(PROBLEM_CODES) as ProblemCode[]).map(
    (code) =>
      `<tr id="problem-${code}"><td><code>${code}</code></td><td>${PROBLEM_CODES[code].status}</td><td>${escapeHtml(PROBLEM_CODES[code].title)}</td></tr>`,
  );
  return `<section id="errors">
<h2>Errors</h2>
<p>Every error is an <code>application/problem+json</code> document. Branch on <code>code</code>, which never changes meaning; show <code>detail</code> to people; <code>param</code> names the field at fault.</p>
${problem === undefined ? '' : renderSchema(problem)}
<h3>Problem codes</h3>
<table class="problems"><thead><tr><th scope="col">Code</th><th scope="col">Status</th><th scope="col">Title</th></tr></thead><tbody>${rows.join('')}</tbody></table>
</section>`;
}

function renderTag(
  document: OpenApiDocument,
  tag: { name: string; description: string },
  operations: PlacedOperation[],
) {
  return `<section id="${tagAnchor(tag.name)}" class="tag">
<h2>${escapeHtml(tag.name)}</h2>
<p>${inlineCode(tag.description)}</p>
${operations.map((placed) => renderOperation(document, placed)).join('\n')}
</section>`;
}

function renderOperation(
  document: OpenApiDocument,
  { method, path, operation }: PlacedOperation,
): string {
  const auth = operation[AUTH_EXTENSION] as OperationAuth;
  const feature = operation[FEATURE_EXTENSION] as string | undefined;
  const requestBody = operation.requestBody as
    | { required: boolean; content: Record<string, { schema: JsonSchema }> }
    | undefined;
  const parts = [
    `<h3><span class="method method-${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span> <code class="path">${escapeHtml(path)}</code></h3>`,
    `<p class="summary">${escapeHtml(operation.summary)}</p>`,
  ];
  if (typeof operation.description === 'string') {
    parts.push(`<p>${inlineCode(operation.description)}</p>`);
  }
  parts.push(
    `<p class="auth">Credential: <strong>${AUTH_LABELS[auth]}</strong>${
      feature === undefined ? '' : ` · portal feature <code>${escapeHtml(feature)}</code>`
    }</p>`,
  );
  if (operation.parameters.length > 0) parts.push(renderParameters(operation.parameters));
  if (requestBody !== undefined) {
    const schema = requestBody.content['application/json']?.schema ?? {};
    parts.push(
      `<h4>Request body${requestBody.required ? '' : ' <span class="optional">optional</span>'}: ${typeLabel(schema)}</h4>`,
      renderSchema(resolveReference(document, schema)),
    );
  }
  parts.push(renderResponses(operation));
  return `<article id="${escapeHtml(operation.operationId)}" class="operation">${parts.join('\n')}</article>`;
}

function renderParameters(parameters: Record<string, unknown>[]): string {
  const rows = parameters.map((parameter) => {
    const schema = (parameter.schema ?? {}) as JsonSchema;
    const description =
      typeof parameter.description === 'string' ? inlineCode(parameter.description) : '';
    return `<tr><td><code>${escapeHtml(String(parameter.name))}</code>${
      parameter.required === true ? '' : ' <span class="optional">optional</span>'
    }</td><td>${escapeHtml(String(parameter.in))}</td><td>${typeLabel(schema)}${
      schema.default === undefined
        ? ''
        : ` <span class="constraints">default ${escapeHtml(JSON.stringify(schema.default))}</span>`
    }</td><td>${description}</td></tr>`;
  });
  return `<h4>Parameters</h4><table><thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function renderResponses(operation: OpenApiOperation): string {
  const rows: string[] = [];
  for (const [status, response] of Object.entries(operation.responses)) {
    const codes = response[PROBLEM_CODES_EXTENSION] as ProblemCode[] | undefined;
    if (codes === undefined) {
      const content = (response.content ?? {}) as Record<string, { schema: JsonSchema }>;
      const [mediaType, media] = Object.entries(content)[0] ?? ['', { schema: {} }];
      const body =
        mediaType === 'application/json'
          ? typeLabel(media.schema)
          : `<code>${escapeHtml(mediaType)}</code>`;
      rows.push(
        `<tr class="success"><td>${escapeHtml(status)}</td><td>${body}</td><td>${escapeHtml(String(response.description))}</td></tr>`,
      );
      continue;
    }
    const list = codes
      .map((code) => `<a href="#problem-${code}"><code>${code}</code></a>`)
      .join(', ');
    rows.push(`<tr><td>${escapeHtml(status)}</td><td>Problem</td><td>${list}</td></tr>`);
  }
  return `<h4>Responses</h4><table class="responses"><thead><tr><th scope="col">Status</th><th scope="col">Body</th><th scope="col">Meaning</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function renderSchemas(document: OpenApiDocument): string {
  const sections = Object.entries(document.components.schemas).map(
    ([name, schema]) =>
      `<article id="${escapeHtml(schemaAnchor(name))}" class="schema"><h3>${escapeHtml(name)}</h3>${renderSchema(schema)}</article>`,
  );
  return `<section id="schemas"><h2>Schemas</h2>${sections.join('\n')}</section>`;
}

/** Follows a `$ref` to its component, so a request body's fields show where it is sent. */
function resolveReference(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  if (typeof schema.$ref !== 'string') return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  return document.components.schemas[name] ?? schema;
}

function tagAnchor(tag: string): string {
  return `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** Escapes `text` and sets its backquoted spans as code. */
function inlineCode(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}
